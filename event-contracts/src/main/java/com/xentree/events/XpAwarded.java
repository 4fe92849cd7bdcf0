package com.xentree.events;

import java.time.Instant;
import java.util.UUID;

/** {@code xp.awarded.v1}: XP actually granted for one activity, computed by profile-service only. */
public record XpAwarded(
        UUID eventId,
        UUID sourceEventId,
        String userId,
        Instant occurredAt,
        String timeZone,
        String category,
        int baseXp,
        double multiplier,
        int xp,
        long totalXpAfter,
        int levelAfter) {
}
