package com.xentree.foundation.messaging;

import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A handler of {@code learning.activity.v1}, validated by the same rules as the ingestion API. */
public interface LearningActivityHandler extends BatchHandler<LearningActivity> {

    @Override
    default String topic() {
        return Topics.LEARNING_ACTIVITY;
    }

    @Override
    default Class<LearningActivity> type() {
        return LearningActivity.class;
    }

    @Override
    default UUID eventId(LearningActivity event) {
        return event.eventId();
    }

    @Override
    default List<String> violations(LearningActivity event, Instant now) {
        return event.violations(now);
    }

    @Override
    default String userId(LearningActivity event) {
        return event.userId();
    }
}
