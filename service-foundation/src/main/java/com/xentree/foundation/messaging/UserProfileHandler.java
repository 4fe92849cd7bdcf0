package com.xentree.foundation.messaging;

import com.xentree.events.TopicContract;
import com.xentree.events.UserProfileChanged;
import java.util.List;

/** A handler of {@code user.profile.v1}, validated by the contract's own rules. */
public interface UserProfileHandler extends ContractHandler<UserProfileChanged> {

    @Override
    default TopicContract<UserProfileChanged> contract() {
        return TopicContract.USER_PROFILE;
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
