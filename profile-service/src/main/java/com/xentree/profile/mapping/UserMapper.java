package com.xentree.profile.mapping;

import com.xentree.events.UserProfileChanged;
import com.xentree.profile.User;
import com.xentree.profile.rest.UserResponse;
import java.util.UUID;

public final class UserMapper {

    private UserMapper() {
    }

    public static UserResponse toResponse(User u) {
        return new UserResponse(u.id, u.username, u.fullName, u.email, u.avatarUrl, u.timeZone, u.publicProfile, u.createdAt,
                u.updatedAt);
    }

    /** The {@code user.profile.v1} fact announcing the user's current state. */
    public static UserProfileChanged toEvent(User u) {
        return new UserProfileChanged(UUID.randomUUID(), u.updatedAt, u.id, u.username, u.fullName, u.email, u.avatarUrl,
                u.timeZone, u.createdAt, u.publicProfile);
    }
}
