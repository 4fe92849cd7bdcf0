package com.xentree.foundation.messaging;

import com.xentree.events.TopicContract;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A {@link BatchHandler} that takes what it must know of its topic (name, type, event id, user,
 * validation) from the topic's {@link TopicContract} instead of declaring it again.
 */
public interface ContractHandler<T> extends BatchHandler<T> {

    TopicContract<T> contract();

    @Override
    default String topic() {
        return contract().topic();
    }

    @Override
    default Class<T> type() {
        return contract().type();
    }

    @Override
    default UUID eventId(T event) {
        return contract().eventId().apply(event);
    }

    @Override
    default String userId(T event) {
        return contract().userId().apply(event);
    }

    @Override
    default List<String> violations(T event, Instant now) {
        return contract().violations().apply(event, now);
    }
}
