package com.xentree.profile.service;

import com.xentree.events.ApiKeys;
import com.xentree.events.Topics;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.security.ApiKeyIdentityProvider;
import com.xentree.profile.ApiKey;
import com.xentree.profile.config.ProfileConfig;
import com.xentree.profile.mapping.ApiKeyMapper;
import com.xentree.profile.rest.ApiKeyCreateRequest;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys: issued here, stored as a SHA-256 hash, and published on the compacted
 * {@code auth.api-keys.v1} topic (through the outbox) so that every service authenticates them,
 * and stops doing so within seconds of a revocation.
 */
@ApplicationScoped
public class ApiKeyService {

    /** A new key and the one presentation of its secret. */
    public record Issued(ApiKey key, String presentedKey) {
    }

    @Inject
    Outbox outbox;
    @Inject
    ProfileConfig config;
    @Inject
    Clock clock;

    @Transactional
    public Issued create(String ownerUserId, SecurityIdentity caller, ApiKeyCreateRequest request) {
        if (caller.getAttribute(ApiKeyIdentityProvider.API_KEY_ID) != null) {
            throw new ApiException(403, "API keys cannot create API keys: sign in with a bearer token");
        }
        Set<String> scopes = request.scopes() == null ? Set.of() : new TreeSet<>(request.scopes());
        Set<String> unknown = new TreeSet<>(scopes);
        unknown.removeAll(ApiKeys.SCOPES);
        if (!unknown.isEmpty()) {
            throw new ApiException(422, "scopes: unknown " + unknown + "; known scopes are " + new TreeSet<>(ApiKeys.SCOPES));
        }
        if (!scopes.isEmpty() && !caller.hasRole("admin")) {
            throw new ApiException(403, "Only platform admins can grant the scopes " + scopes);
        }
        if (ApiKey.countActiveOf(ownerUserId) >= config.apiKeys().maxActivePerUser()) {
            throw new ApiException(409, "At most " + config.apiKeys().maxActivePerUser() + " active API keys per user: delete one first");
        }
        String secret = ApiKeys.newSecret();
        ApiKey key = new ApiKey();
        key.id = ApiKeys.newKeyId();
        key.ownerUserId = ownerUserId;
        key.name = request.name().strip();
        key.scopeSet(scopes);
        key.secretSha256 = ApiKeys.sha256Hex(secret);
        key.createdAt = now();
        key.persist();
        announce(key);
        return new Issued(key, ApiKeys.format(key.id, secret));
    }

    public List<ApiKey> list(String ownerUserId) {
        return ApiKey.activeOf(ownerUserId);
    }

    /** Revokes one of the owner's keys; someone else's key is "not found", as an unknown one. */
    @Transactional
    public void revoke(String ownerUserId, String keyId) {
        ApiKey key = ApiKey.activeOf(ownerUserId, keyId).orElseThrow(() -> new ApiException(404, "API key not found"));
        key.revokedAt = now();
        announce(key);
    }

    private void announce(ApiKey key) {
        outbox.add(List.of(new Outbox.Message(Topics.API_KEYS, key.id, ApiKeyMapper.toEvent(key, now()))));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
