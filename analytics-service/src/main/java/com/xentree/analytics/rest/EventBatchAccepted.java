package com.xentree.analytics.rest;

import java.util.List;
import java.util.UUID;

/** Answer of {@code POST /api/v1/events}: every event of the batch was published. */
public record EventBatchAccepted(int accepted, List<UUID> eventIds) {
}
