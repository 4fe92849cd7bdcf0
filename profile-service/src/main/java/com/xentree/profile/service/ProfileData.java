package com.xentree.profile.service;

import com.xentree.events.Topics;
import com.xentree.foundation.erasure.PersonalData;
import com.xentree.foundation.messaging.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * What profile-service holds about a user: the profile, the XP ledger and what is derived from it,
 * boosts, streak and quest figures, API keys. Erasing also takes the user's announcements back: a
 * tombstone on {@code user.profile.v1} (compaction then drops name and email from the topic) and one
 * per API key on {@code auth.api-keys.v1} (every service forgets the key at once).
 */
@ApplicationScoped
public class ProfileData implements PersonalData {

    private static final List<String> USER_TABLES = List.of("xp_ledger", "xp_daily", "user_xp", "xp_boost", "user_progress");

    @Inject
    Outbox outbox;

    @Override
    public void erase(String userId) {
        EntityManager em = Panache.getEntityManager();
        List<Outbox.Message> tombstones = new ArrayList<>();
        // events of the user not yet published would carry their data out after the erasure
        em.createNativeQuery("delete from outbox_event where record_key = ?1").setParameter(1, userId).executeUpdate();
        for (Object keyId : em.createNativeQuery("delete from api_key where owner_user_id = ?1 returning id")
                .setParameter(1, userId).getResultList()) {
            tombstones.add(new Outbox.Message(Topics.API_KEYS, (String) keyId, null));
        }
        if (em.createNativeQuery("delete from app_user where id = ?1").setParameter(1, userId).executeUpdate() > 0) {
            tombstones.add(new Outbox.Message(Topics.USER_PROFILE, userId, null));
        }
        for (String table : USER_TABLES) {
            em.createNativeQuery("delete from " + table + " where user_id = ?1").setParameter(1, userId).executeUpdate();
        }
        outbox.add(tombstones);
    }
}
