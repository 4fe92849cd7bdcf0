package com.xentree.profile.service;

import com.xentree.events.Topics;
import com.xentree.events.UserErased;
import com.xentree.foundation.erasure.ErasureList;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.security.ApiKeyIdentityProvider;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Erases a user on request: here at once (rows, the user's announcements and API keys, the username
 * free again), and everywhere else through {@code user.erasure.v1}, in one transaction with the audit
 * entry. The user id is not checked against the profiles: activity of a user never seen here is
 * accepted by analytics and admin-stats, so an erasure must reach them too.
 */
@ApplicationScoped
public class UserErasure {

    @Inject
    ErasureList erasures;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    /** Callers erasing themselves: bearer tokens only, a key (which may leak) cannot end an account. */
    @Transactional
    public void eraseSelf(SecurityIdentity caller) {
        if (caller.getAttribute(ApiKeyIdentityProvider.API_KEY_ID) != null) {
            throw new ApiException(403, "An account is erased with a bearer token, not an API key");
        }
        erase(caller.getPrincipal().getName(), "self", null);
    }

    /** Platform admins and users:write keys erasing someone. */
    @Transactional
    public void eraseOther(String userId, SecurityIdentity caller) {
        Object keyId = caller.getAttribute(ApiKeyIdentityProvider.API_KEY_ID);
        if (keyId != null) {
            erase(userId, "api_key", keyId.toString());
        } else {
            erase(userId, "admin", caller.getPrincipal().getName());
        }
    }

    private void erase(String userId, String actorKind, String actorId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (erasures.erase(List.of(userId), now).isEmpty()) {
            throw new ApiException(404, "User not found: already erased");
        }
        String userHash = erasures.hashOf(userId);
        audit(userHash, actorKind, actorId, now);
        outbox.add(List.of(new Outbox.Message(Topics.USER_ERASURE, userHash, new UserErased(UUID.randomUUID(), now, userId, userHash))));
    }

    private static void audit(String userHash, String actorKind, String actorId, Instant at) {
        Panache.getEntityManager().createNativeQuery(
                        "insert into erasure_audit (user_hash, actor_kind, actor_id, erased_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, userHash).setParameter(2, actorKind).setParameter(3, actorId).setParameter(4, at)
                .executeUpdate();
    }

    /** The requests of an erased user that would otherwise recreate them (their token is valid until it expires). */
    public void refuseErased(String userId) {
        if (erasures.isErased(userId)) {
            throw new ApiException(410, "This account was erased");
        }
    }
}
