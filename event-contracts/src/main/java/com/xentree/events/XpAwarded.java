package com.xentree.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code xp.awarded.v1}: XP actually granted for one activity, computed by profile-service only.
 *
 * <p>{@code kind} is {@link #ACTIVITY} for the first credit of an activity, or {@link #BOOST_ADJUSTMENT}
 * when a quest boost covering {@code occurred_at} became known after the activity was credited; the
 * adjustment carries only the extra XP. Summing {@code xp} over all events of a user, day or category
 * therefore gives what the XP ledger holds. {@code time_zone} is the zone that fixed the local day.
 * {@code capped_xp} is XP earned but not granted because of the daily per-category cap.
 */
public record XpAwarded(
        UUID eventId,
        UUID sourceEventId,
        String userId,
        Instant occurredAt,
        String timeZone,
        String category,
        String kind,
        int baseXp,
        double multiplier,
        int xp,
        int cappedXp,
        long totalXpAfter,
        int levelAfter) {

    public XpAwarded {
        occurredAt = EventTime.of(occurredAt);
    }

    public static final String ACTIVITY = "activity";
    public static final String BOOST_ADJUSTMENT = "boost_adjustment";

    /** Everything wrong with this event, as "field: problem" messages; empty when it is valid. */
    public java.util.List<String> violations() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        }
        if (occurredAt == null) {
            problems.add("occurred_at: required");
        }
        if (category == null || category.isBlank()) {
            problems.add("category: required");
        }
        if (timeZone != null && !LocalDay.isIanaZone(timeZone)) {
            problems.add("time_zone: not an IANA time zone id");
        }
        if (xp < 0 || totalXpAfter < 0 || levelAfter < 1) {
            problems.add("xp, total_xp_after: not negative; level_after: at least 1");
        }
        return problems;
    }

    /** The local day this XP counts on, the same day the activity counts on. */
    public java.time.LocalDate localDay() {
        return LocalDay.of(occurredAt, timeZone);
    }
}
