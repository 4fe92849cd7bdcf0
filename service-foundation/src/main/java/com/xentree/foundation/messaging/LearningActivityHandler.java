package com.xentree.foundation.messaging;

import com.xentree.events.LearningActivity;
import com.xentree.events.TopicContract;

/** A handler of {@code learning.activity.v1}, validated by the same rules as the ingestion API. */
public interface LearningActivityHandler extends ContractHandler<LearningActivity> {

    @Override
    default TopicContract<LearningActivity> contract() {
        return TopicContract.LEARNING_ACTIVITY;
    }
}
