package com.xentree.analytics.service;

import com.xentree.analytics.rest.LearnerResponses.LeaderboardEntry;
import com.xentree.analytics.rest.LearnerResponses.LeaderboardResponse;
import com.xentree.analytics.rest.LearnerResponses.MyRank;
import com.xentree.foundation.jobs.Leases;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.rest.QueryValues;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * XP leaderboards, weekly and all-time, global and per organization, served from rankings that are
 * recomputed on a schedule (by one replica, once per interval, under a lease) instead of per request;
 * their {@code updated_at} is when that recompute ran, the same on every replica. Users who keep their
 * profile private, or whose profile is not known yet, are not listed; they still see their own rank.
 * Ties share a rank (1, 2, 2, 4).
 */
@ApplicationScoped
public class Leaderboards {

    public static final List<String> BOARDS = List.of("all_time", "weekly");
    public static final int NEIGHBOURS = 2;

    /** The lease of the recompute: one replica recomputes, once per interval. */
    static final String JOB = "leaderboard-refresh";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    Leases leases;
    @Inject
    @ConfigProperty(name = "analytics.leaderboard-refresh", defaultValue = "30s") Duration refreshInterval;

    /** The weekly board counts XP of local days from Monday of the current ISO week (UTC). */
    LocalDate weekStart() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Every tick, on every replica: the replica holding the job's lease recomputes the boards when
     * the last recompute (by any replica) is an interval old; the others only check the lease.
     */
    @Scheduled(every = "${xentree.jobs.tick:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        leases.runIfDue(JOB, refreshInterval, this::recompute);
    }

    /**
     * Writes only the entries that changed, deletes those that left a board: rewriting every entry
     * every interval left a dead row per entry behind each time, which only vacuum reclaims.
     */
    void recompute(Connection c) throws SQLException {
        Sql.update(c, """
                with scores as (
                    select 'all_time' as board, user_id, total_xp as xp from user_xp where total_xp > 0
                    union all
                    select 'weekly', user_id, sum(xp)::bigint from user_day where day >= ? group by user_id having sum(xp) > 0
                ), listed as (
                    select s.board, s.user_id, s.xp from scores s join user_profile p on p.user_id = s.user_id and p.public_profile
                ), fresh as (
                    select board, 'global' as scope, user_id, xp, rank() over (partition by board order by xp desc)::integer as rank
                      from listed
                    union all
                    select l.board, m.organization_id, l.user_id, l.xp,
                           rank() over (partition by l.board, m.organization_id order by l.xp desc)::integer
                      from listed l join org_member m on m.user_id = l.user_id
                ), changed as (
                    insert into leaderboard_entry as e (board, scope, user_id, xp, rank)
                    select board, scope, user_id, xp, rank from fresh
                    on conflict (board, scope, user_id) do update set xp = excluded.xp, rank = excluded.rank
                     where (e.xp, e.rank) is distinct from (excluded.xp, excluded.rank)
                )
                delete from leaderboard_entry e
                 where not exists (select 1 from fresh f where f.board = e.board and f.scope = e.scope and f.user_id = e.user_id)""",
                weekStart());
    }

    public LeaderboardResponse board(String me, boolean platformAdmin, String board, String organizationId, int limit) {
        QueryValues.oneOf("board", board, BOARDS);
        return Sql.withConnection(dataSource, c -> {
            String scope = organizationId == null ? "global" : organizationId;
            if (organizationId != null && !platformAdmin
                    && !Sql.exists(c, "select 1 from org_member where user_id = ? and organization_id = ?", me, organizationId)) {
                throw new ApiException(403, "Only members of the organization see its leaderboard");
            }
            List<LeaderboardEntry> top = query(c, me, "order by e.rank, p.username, e.user_id limit ?", board, scope, limit);
            return new LeaderboardResponse(board, organizationId == null ? "global" : "organization", organizationId,
                    leases.lastRun(JOB).orElse(null), top,
                    myRank(c, me, board, scope));
        });
    }

    private MyRank myRank(Connection c, String me, String board, String scope) throws SQLException {
        Optional<MyRank> listed = Sql.first(c, "select rank, xp from leaderboard_entry where board = ? and scope = ? and user_id = ?",
                rs -> new MyRank(rs.getInt(1), rs.getLong(2), true, query(c, me,
                        "and e.rank between ? and ? order by e.rank, p.username, e.user_id", board, scope,
                        rs.getInt(1) - NEIGHBOURS, rs.getInt(1) + NEIGHBOURS)), board, scope, me);
        if (listed.isPresent()) {
            return listed.get();
        }
        // not listed (private, or not on this board): where they would stand
        long xp = "weekly".equals(board)
                ? Sql.number(c, "select coalesce(sum(xp), 0) from user_day where user_id = ? and day >= ?", me, weekStart())
                : Sql.number(c, "select coalesce(max(total_xp), 0) from user_xp where user_id = ?", me);
        if (xp == 0) {
            return new MyRank(null, 0, false, List.of());
        }
        int rank = (int) Sql.number(c, "select count(*) + 1 from leaderboard_entry where board = ? and scope = ? and xp > ?",
                board, scope, xp);
        return new MyRank(rank, xp, false, List.of());
    }

    private static List<LeaderboardEntry> query(Connection c, String me, String tail, String board, String scope, Object... more)
            throws SQLException {
        return Sql.list(c, """
                select e.rank, p.username, p.full_name, p.avatar_url, e.xp, e.user_id
                  from leaderboard_entry e join user_profile p on p.user_id = e.user_id
                 where e.board = ? and e.scope = ?""" + " " + tail,
                rs -> new LeaderboardEntry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        me.equals(rs.getString(6))), Stream.concat(Stream.of(board, scope), Stream.of(more)).toArray());
    }
}
