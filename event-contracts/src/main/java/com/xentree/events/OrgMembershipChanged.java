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

    public static String key(UUID organizationId, String userId) {
        return organizationId + ":" + userId;
    }
}
