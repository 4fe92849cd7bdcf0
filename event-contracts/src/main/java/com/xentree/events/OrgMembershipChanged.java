package com.xentree.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code org.membership.v1} (compacted, key = {@code organization_id:user_id}; tombstone on
 * removal): the role of one user in one organization, and their team if any.
 */
public record OrgMembershipChanged(
        UUID eventId,
        Instant occurredAt,
        UUID organizationId,
        String userId,
        String role,
        UUID teamId,
        Instant joinedAt) {

    public OrgMembershipChanged {
        occurredAt = EventTime.of(occurredAt);
        joinedAt = EventTime.of(joinedAt);
    }

    /** Everything wrong with this event, as "field: problem" messages; empty when it is valid. */
    public java.util.List<String> violations() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (organizationId == null) {
            problems.add("organization_id: required");
        }
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        }
        if (role == null || role.isBlank()) {
            problems.add("role: required");
        }
        return problems;
    }

    public static String key(UUID organizationId, String userId) {
        return organizationId + ":" + userId;
    }
}
