package com.xentree.analytics.service;

import com.xentree.analytics.rest.LearnerResponses.LeaderboardEntry;
import com.xentree.analytics.rest.LearnerResponses.LeaderboardResponse;
import com.xentree.analytics.rest.LearnerResponses.MyRank;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.rest.QueryValues;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * XP leaderboards, weekly and all-time, global and per organization, served from rankings that are
 * recomputed on a schedule (one replica at a time) instead of per request. Users who keep their
 * profile private, or whose profile is not known yet, are not listed; they still see their own rank.
 * Ties share a rank (1, 2, 2, 4).
 */
@ApplicationScoped
public class Leaderboards {

    public static final List<String> BOARDS = List.of("all_time", "weekly");
    public static final int NEIGHBOURS = 2;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private volatile Instant updatedAt;

    Leaderboards(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The weekly board counts XP of local days from Monday of the current ISO week (UTC). */
    LocalDate weekStart() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Scheduled(every = "${analytics.leaderboard-refresh:30s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select pg_try_advisory_xact_lock(hashtext('leaderboard_refresh'))")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return; // another replica is refreshing
                    }
                }
                s.executeUpdate("delete from leaderboard_entry");
                String listed = "join user_profile p on p.user_id = x.user_id and p.public_profile";
                String allTime = "select user_id, total_xp as xp from user_xp where total_xp > 0";
                // weekStart() is a LocalDate, printed as an ISO date literal
                String weekly = "select user_id, sum(xp) as xp from user_day where day >= date '" + weekStart()
                        + "' group by user_id having sum(xp) > 0";
                for (String[] board : new String[][] {{"all_time", allTime}, {"weekly", weekly}}) {
                    s.executeUpdate("insert into leaderboard_entry (board, scope, user_id, xp, rank) select '" + board[0]
                            + "', 'global', x.user_id, x.xp, rank() over (order by x.xp desc) from (" + board[1] + ") x " + listed);
                    s.executeUpdate("insert into leaderboard_entry (board, scope, user_id, xp, rank) select '" + board[0]
                            + "', m.organization_id, x.user_id, x.xp, rank() over (partition by m.organization_id order by x.xp desc) from ("
                            + board[1] + ") x " + listed + " join org_member m on m.user_id = x.user_id");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not refresh leaderboards", e);
            }
        });
        updatedAt = clock.instant();
    }

    public LeaderboardResponse board(String me, boolean platformAdmin, String board, String organizationId, int limit) {
        QueryValues.oneOf("board", board, BOARDS);
        try (Connection c = dataSource.getConnection()) {
            String scope = organizationId == null ? "global" : organizationId;
            if (organizationId != null && !platformAdmin && !isMember(c, me, organizationId)) {
                throw new ApiException(403, "Only members of the organization see its leaderboard");
            }
            List<LeaderboardEntry> top = query(c, me, "order by e.rank, p.username, e.user_id limit ?", board, scope, limit);
            return new LeaderboardResponse(board, organizationId == null ? "global" : "organization", organizationId, updatedAt, top,
                    myRank(c, me, board, scope));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isMember(Connection c, String userId, String organizationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from org_member where user_id = ? and organization_id = ?")) {
            ps.setString(1, userId);
            ps.setString(2, organizationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private MyRank myRank(Connection c, String me, String board, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select rank, xp from leaderboard_entry where board = ? and scope = ? and user_id = ?")) {
            ps.setString(1, board);
            ps.setString(2, scope);
            ps.setString(3, me);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int rank = rs.getInt(1);
                    List<LeaderboardEntry> around = query(c, me, "and e.rank between ? and ? order by e.rank, p.username, e.user_id",
                            board, scope, rank - NEIGHBOURS, rank + NEIGHBOURS);
                    return new MyRank(rank, rs.getLong(2), true, around);
                }
            }
        }
        // not listed (private, or not on this board): where they would stand
        long xp;
        boolean weekly = "weekly".equals(board);
        try (PreparedStatement ps = c.prepareStatement(weekly
                ? "select coalesce(sum(xp), 0) from user_day where user_id = ? and day >= ?"
                : "select coalesce(max(total_xp), 0) from user_xp where user_id = ?")) {
            ps.setString(1, me);
            if (weekly) {
                ps.setObject(2, weekStart());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                xp = rs.getLong(1);
            }
        }
        if (xp == 0) {
            return new MyRank(null, 0, false, List.of());
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*) + 1 from leaderboard_entry where board = ? and scope = ? and xp > ?")) {
            ps.setString(1, board);
            ps.setString(2, scope);
            ps.setLong(3, xp);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MyRank(rs.getInt(1), xp, false, List.of());
            }
        }
    }

    private static List<LeaderboardEntry> query(Connection c, String me, String tail, String board, String scope, int... ints)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select e.rank, p.username, p.full_name, p.avatar_url, e.xp, e.user_id
                  from leaderboard_entry e join user_profile p on p.user_id = e.user_id
                 where e.board = ? and e.scope = ?""" + " " + tail)) {
            ps.setString(1, board);
            ps.setString(2, scope);
            for (int i = 0; i < ints.length; i++) {
                ps.setInt(3 + i, ints[i]);
            }
            List<LeaderboardEntry> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new LeaderboardEntry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            me.equals(rs.getString(6))));
                }
            }
            return list;
        }
    }
}
