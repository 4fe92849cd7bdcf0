package com.xentree.analytics.service;

import static com.xentree.foundation.sql.SqlArrays.column;

import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import com.xentree.foundation.messaging.LearningActivityHandler;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records {@code learning.activity.v1} as activity facts, per-user, per-local-day totals (also per
 * source) and each user's active days, one set-based statement per table for the whole batch, then
 * refreshes the touched users' streaks, quests and achievements.
 */
@ApplicationScoped
public class ActivityRecorder implements LearningActivityHandler {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    UserZones userZones;
    @Inject
    LearnerProgress progress;

    @Override
    public String consumerGroup() {
        return LearnerProgress.CONSUMER_GROUP;
    }

    @Override
    public int applyOrder() {
        return 0; // a poll's activities before its XP awards, the order they happen in
    }

    @Override
    public boolean deduplicatesByEventId() {
        return true; // the activity facts are keyed by event id: only what they take in moves the rollups
    }

    @Override
    public void apply(List<LearningActivity> events) {
        List<Located> located;
        try (Connection c = dataSource.getConnection()) {
            located = insertFacts(c, locate(events));
            if (located.isEmpty()) {
                return;
            }
            addToUserDays(c, located);
            addToUserDaySources(c, located);
            addToUserActivity(c, located);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record activities", e);
        }
        progress.refreshBeforeCommit(latestByUser(located));
    }

    /** An activity with the zone it counts in (its own, else its user's, else UTC) and so its local day. */
    private record Located(LearningActivity e, String zone, LocalDate day) {

        java.sql.Date sqlDay() {
            return java.sql.Date.valueOf(day);
        }
    }

    private List<Located> locate(List<LearningActivity> events) {
        Map<String, String> zones = userZones.of(events.stream().filter(e -> e.timeZone() == null)
                .map(LearningActivity::userId).distinct().toList());
        return events.stream().map(e -> {
            String zone = e.timeZone() != null ? e.timeZone() : zones.getOrDefault(e.userId(), LocalDay.DEFAULT_ZONE.getId());
            return new Located(e, zone, LocalDay.of(e.occurredAt(), zone));
        }).toList();
    }

    /** Inserts the facts and returns those that were new: an activity applied before is left out. */
    private static List<Located> insertFacts(Connection c, List<Located> located) throws SQLException {
        Set<UUID> inserted = new HashSet<>(Sql.list(c, """
                insert into activity (event_id, user_id, occurred_at, local_day, time_zone, activity_type, source, category,
                                      duration_seconds, xp, score)
                select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::date[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::bigint[], ?::int[], ?::int[])
                on conflict (event_id) do nothing
                returning event_id""", rs -> rs.getObject(1, UUID.class),
                column(c, "uuid", located, a -> a.e().eventId()),
                column(c, "text", located, a -> a.e().userId()),
                column(c, "timestamptz", located, a -> Timestamp.from(a.e().occurredAt())),
                column(c, "date", located, Located::sqlDay),
                column(c, "text", located, Located::zone),
                column(c, "text", located, a -> a.e().activityType()),
                column(c, "text", located, a -> a.e().source()),
                column(c, "text", located, a -> a.e().category()),
                column(c, "bigint", located, a -> a.e().durationSeconds()),
                column(c, "int4", located, a -> a.e().xp()),
                column(c, "int4", located, a -> a.e().score())));
        return inserted.size() == located.size() ? located : located.stream().filter(a -> inserted.contains(a.e().eventId())).toList();
    }

    private static void addToUserDays(Connection c, List<Located> located) throws SQLException {
        Sql.update(c, """
                insert into user_day (user_id, day, learning_seconds, sessions)
                select u, d, sum(s), count(*) from unnest(?::text[], ?::date[], ?::bigint[]) as t(u, d, s)
                group by u, d order by u, d
                on conflict (user_id, day) do update
                   set learning_seconds = user_day.learning_seconds + excluded.learning_seconds,
                       sessions = user_day.sessions + excluded.sessions""", userDaySeconds(c, located));
    }

    private static void addToUserDaySources(Connection c, List<Located> located) throws SQLException {
        Sql.update(c, """
                insert into user_day_source (user_id, day, source, learning_seconds, sessions)
                select u, d, src, sum(s), count(*) from unnest(?::text[], ?::date[], ?::bigint[], ?::text[]) as t(u, d, s, src)
                group by u, d, src order by u, d, src
                on conflict (user_id, day, source) do update
                   set learning_seconds = user_day_source.learning_seconds + excluded.learning_seconds,
                       sessions = user_day_source.sessions + excluded.sessions""",
                userDaySeconds(c, located, column(c, "text", located, a -> a.e().source())));
    }

    /**
     * The learners' active days (sorted, distinct) and all-time learning time in one row each, for progress and streak
     * reads. The days are merged and sorted afresh only when the batch brings a day before the last one known: live
     * activity falls on a day already there or on a later one.
     */
    private static void addToUserActivity(Connection c, List<Located> located) throws SQLException {
        Sql.update(c, """
                insert into user_activity (user_id, active_days, learning_seconds)
                select u, array_agg(distinct d - date '1970-01-01' order by d - date '1970-01-01'), sum(s)
                  from unnest(?::text[], ?::date[], ?::bigint[]) as t(u, d, s)
                 group by u order by u
                on conflict (user_id) do update
                   set active_days = case
                         when user_activity.active_days @> excluded.active_days then user_activity.active_days
                         when excluded.active_days[1] > user_activity.active_days[cardinality(user_activity.active_days)]
                              then user_activity.active_days || excluded.active_days
                         else (select array_agg(distinct x order by x) from unnest(user_activity.active_days || excluded.active_days) as x)
                       end,
                       learning_seconds = user_activity.learning_seconds + excluded.learning_seconds""", userDaySeconds(c, located));
    }

    /** Parameters 1–3 of the per-day rollups: user, local day, learning seconds; then {@code more}. */
    private static Object[] userDaySeconds(Connection c, List<Located> located, Array... more) throws SQLException {
        List<Array> params = new ArrayList<>(List.of(column(c, "text", located, a -> a.e().userId()),
                column(c, "date", located, Located::sqlDay), column(c, "bigint", located, a -> a.e().durationSeconds())));
        params.addAll(List.of(more));
        return params.toArray();
    }

    private static Map<String, Instant> latestByUser(List<Located> located) {
        Map<String, Instant> latest = new HashMap<>();
        for (Located a : located) {
            latest.merge(a.e().userId(), a.e().occurredAt(), (x, y) -> x.isAfter(y) ? x : y);
        }
        return latest;
    }
}
