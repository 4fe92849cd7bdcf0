package com.xentree.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code user.profile.v1} (compacted, key = user id): the latest public facts of one user.
 * {@code public_profile} false means the user keeps their profile private: other users' views
 * (public profile, leaderboards) must not show them.
 */
public record UserProfileChanged(
        UUID eventId,
        Instant occurredAt,
        String userId,
        String username,
        String fullName,
        String email,
        String avatarUrl,
        String timeZone,
        Instant createdAt,
        boolean publicProfile) {

    public UserProfileChanged {
        occurredAt = EventTime.of(occurredAt);
        createdAt = EventTime.of(createdAt);
    }

    /** Everything wrong with this event, as "field: problem" messages; empty when it is valid. */
    public java.util.List<String> violations() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        }
        if (occurredAt == null) {
            problems.add("occurred_at: required");
        }
        if (timeZone != null && !LocalDay.isIanaZone(timeZone)) {
            problems.add("time_zone: not an IANA time zone id");
        }
        return problems;
    }
}
