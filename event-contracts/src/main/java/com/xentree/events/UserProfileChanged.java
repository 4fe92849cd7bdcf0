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
}
