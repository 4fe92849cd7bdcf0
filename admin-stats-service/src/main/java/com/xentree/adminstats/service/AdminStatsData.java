package com.xentree.adminstats.service;

import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.Topics;
import com.xentree.foundation.erasure.PersonalData;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What admin-stats-service holds about a user: memberships (each withdrawn with a tombstone on
 * {@code org.membership.v1}), daily rollups, last-active days and the member directory. With the
 * rollups gone, every dashboard, tab and past period of the organizations reads as if the person had
 * never been a member (decisions.md). Objectives they created stay with the organization, their author
 * no longer named.
 */
@ApplicationScoped
public class AdminStatsData implements PersonalData {

    static final String ERASED_AUTHOR = "(erased)";
    private static final List<String> USER_TABLES = List.of("member_day", "member_last_active", "member_profile");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Outbox outbox;

    @Override
    public void erase(String userId) {
        try (Connection c = dataSource.getConnection()) {
            dropUnpublished(c, userId);
            List<UUID> organizations = withdrawMemberships(c, userId);
            for (String table : USER_TABLES) {
                Sql.update(c, "delete from " + table + " where user_id = ?", userId);
            }
            Sql.update(c, "update objective set created_by = '" + ERASED_AUTHOR + "' where created_by = ?", userId);
            forgetInChangeLog(c, userId);
            outbox.add(organizations.stream()
                    .map(o -> new Outbox.Message(Topics.ORG_MEMBERSHIP, OrgMembershipChanged.key(o, userId), null)).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not erase a member", e);
        }
    }

    /** Announcements about the user not yet published (keys: user id, or organization id and user id). */
    private static void dropUnpublished(Connection c, String userId) throws SQLException {
        Sql.update(c, "delete from outbox_event where record_key = ? or right(record_key, ?) = ?", userId, userId.length() + 1,
                ":" + userId);
    }

    /**
     * The dashboard's change log (member_day_change, V40) names the users whose days changed, this one
     * too (the delete above just added a row). The name goes; in its place a row that says "everything
     * changed" makes every in-memory copy reload, so none keeps the erased user's days.
     */
    private static void forgetInChangeLog(Connection c, String userId) throws SQLException {
        Sql.update(c, "update member_day_change set users = array_remove(users, ?) where users @> array[?]::text[]", userId, userId);
        Sql.update(c, "insert into member_day_change (users) values (null)");
    }

    private static List<UUID> withdrawMemberships(Connection c, String userId) throws SQLException {
        return Sql.list(c, "delete from membership where user_id = ? returning organization_id", rs -> rs.getObject(1, UUID.class), userId);
    }
}
