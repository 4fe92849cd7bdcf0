package com.xentree.analytics.service;

import com.xentree.events.OrgMembershipChanged;
import com.xentree.foundation.messaging.OrgMembershipHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Keeps organization memberships from the compacted {@code org.membership.v1}
 * (key {@code organization_id:user_id}; a tombstone removes the member): they scope organization
 * leaderboards and let organization owners and admins read their members' details.
 */
@ApplicationScoped
public class MembershipRecorder implements OrgMembershipHandler {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<OrgMembershipChanged> events) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into org_member (organization_id, user_id, role, team_id, joined_at) values (?, ?, ?, ?, ?)
                     on conflict (organization_id, user_id) do update
                        set role = excluded.role, team_id = excluded.team_id, joined_at = excluded.joined_at""")) {
            for (OrgMembershipChanged e : events) {
                ps.setString(1, e.organizationId().toString());
                ps.setString(2, e.userId());
                ps.setString(3, e.role());
                ps.setString(4, e.teamId() == null ? null : e.teamId().toString());
                ps.setTimestamp(5, e.joinedAt() == null ? null : Timestamp.from(e.joinedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record memberships", e);
        }
    }

    @Override
    public void delete(List<String> keys) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from org_member where organization_id = ? and user_id = ?")) {
            for (String key : keys) {
                int colon = key.indexOf(':');
                if (colon < 0) {
                    continue; // not a membership key: nothing it could name
                }
                ps.setString(1, key.substring(0, colon));
                ps.setString(2, key.substring(colon + 1));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove memberships", e);
        }
    }
}
