package com.xentree.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code user.erasure.v1} (compacted, key = {@code user_hash}): a user was erased on request. Every
 * service deletes what it holds about {@code user_id} and adds {@code user_hash} (the keyed hash of
 * {@link ErasureHash}) to its erasure list, from which it drops that user's events from then on.
 * The record carries nothing else about the person: no name, email or username.
 */
public record UserErased(
        UUID eventId,
        Instant occurredAt,
        String userId,
        String userHash) {

    public UserErased {
        occurredAt = EventTime.of(occurredAt);
    }

    /** Everything wrong with this event, as "field: problem" messages; empty when it is valid. */
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        }
        if (userHash == null || !userHash.matches("[0-9a-f]{64}")) {
            problems.add("user_hash: 64 lowercase hex digits required");
        }
        if (occurredAt == null) {
            problems.add("occurred_at: required");
        }
        return problems;
    }
}
