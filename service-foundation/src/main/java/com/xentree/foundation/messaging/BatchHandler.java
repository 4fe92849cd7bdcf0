package com.xentree.foundation.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies one topic's records to this service's database. {@link TopicConsumers} runs one consumer
 * loop per consumer group and calls {@link #apply} inside one transaction per polled batch, with the
 * events already parsed, validated and stripped of every {@code event_id} applied before.
 */
public interface BatchHandler<T> {

    String topic();

    /**
     * The consumer group (after the service's prefix) this handler's topic is read in; handlers that
     * share one are polled by one consumer and applied in one transaction per poll, so they never wait
     * for each other's row locks. By default each topic has its own.
     */
    default String consumerGroup() {
        return topic();
    }

    /** Where this handler comes in its group's transaction: lower first. */
    default int applyOrder() {
        return 0;
    }

    Class<T> type();

    UUID eventId(T event);

    /**
     * Whose event this is. Events of a user on the erasure list are dropped before {@link #apply}
     * (and counted in {@code xentree.erasure.dropped}); null for events that are about no one user.
     */
    default String userId(T event) {
        return null;
    }

    /** What makes a parsed record unusable ("field: problem"); such records go to the .dlq topic. */
    default List<String> violations(T event, Instant now) {
        return List.of();
    }

    /** Applies events never applied before, in the order they were read; runs in a transaction. */
    void apply(List<T> events);

    /**
     * Whether {@link #apply} itself leaves out events applied before, because its facts are keyed by
     * event id ({@code on conflict do nothing returning}): the consumer then passes every event of
     * the poll and claims none in the processed-event ledger, which saves a write per event on the
     * topics that carry the most.
     */
    default boolean deduplicatesByEventId() {
        return false;
    }

    /** Compacted topics: whether a tombstone (null value) deletes what its key names. */
    default boolean deletesOnTombstone() {
        return false;
    }

    /** Deletes what the tombstones' keys name, in the same transaction and order as the events around them. */
    default void delete(List<String> keys) {
        throw new UnsupportedOperationException(topic() + " has no tombstones");
    }
}
