package com.xentree.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * {@code auth.api-keys.v1} (compacted, key = {@code key_id}; a tombstone deletes the key): what
 * every service needs to authenticate an {@code X-API-Key} without calling profile-service.
 */
public record ApiKeyChanged(
        UUID eventId,
        Instant occurredAt,
        String keyId,
        String ownerUserId,
        Set<String> scopes,
        String secretSha256,
        boolean revoked) {

    public ApiKeyChanged {
        occurredAt = EventTime.of(occurredAt);
    }
}
