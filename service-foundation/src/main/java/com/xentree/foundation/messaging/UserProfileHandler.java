package com.xentree.foundation.messaging;

import com.xentree.events.Topics;
import com.xentree.events.UserProfileChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A handler of {@code user.profile.v1}, validated by the contract's own rules. */
public interface UserProfileHandler extends BatchHandler<UserProfileChanged> {

    @Override
    default String topic() {
        return Topics.USER_PROFILE;
    }

    @Override
    default Class<UserProfileChanged> type() {
        return UserProfileChanged.class;
    }

    @Override
    default UUID eventId(UserProfileChanged event) {
        return event.eventId();
    }

    @Override
    default List<String> violations(UserProfileChanged event, Instant now) {
        return event.violations();
    }

    @Override
    default String userId(UserProfileChanged event) {
        return event.userId();
    }

    /** A tombstone is profile-service taking an erased user's profile back. */
    @Override
    default boolean deletesOnTombstone() {
        return true;
    }

    /** Nothing to do here: {@code user.erasure.v1} removes everything of the user, profile included, in one transaction. */
    @Override
    default void delete(List<String> keys) {
    }
}
