package com.xentree.profile.rest;

import java.time.Instant;

/** A user as the user and platform admins see it (the public profile shows much less). */
public record UserResponse(
        String id,
        String username,
        String fullName,
        String email,
        String profilePictureUrl,
        String timeZone,
        boolean publicProfile,
        Instant createdAt,
        Instant updatedAt) {
}
