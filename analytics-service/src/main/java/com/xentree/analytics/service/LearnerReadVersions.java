package com.xentree.analytics.service;

import com.xentree.events.LocalDay;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The version of each learner read ({@code foundation.reads.RenderedReads}): everything the answer
 * depends on, read by key in one or two statements. The consumers maintain the rows read here as
 * they apply events: {@code user_activity} is rewritten (a new {@code xmin}) with every activity
 * of the user, {@code user_day} of a day with every activity or XP award of that day, and a
 * quest's completion and a repair are rows of their own. With the user's zone and "today" in it,
 * these name the answer: the same version, the same answer; the day turning makes a new one
 * without any event.
 */
@ApplicationScoped
public class LearnerReadVersions {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    /** Streak: active days (all of them live in the one {@code user_activity} row) and repaired days. */
    public String streak(String userId) {
        return version(userId, false, true);
    }

    /** Pulse: the days' learning time and sessions (an activity rewrites {@code user_activity} too; XP is not shown). */
    public String pulse(String userId) {
        return version(userId, false, false);
    }

    /** Today's quests: today's totals (learning time, sessions, XP) and today's completions. */
    public String quests(String userId) {
        return version(userId, true, false);
    }

    private String version(String userId, boolean today, boolean repairs) {
        return Sql.withConnection(dataSource, c -> Sql.first(c, """
                select p.user_id is not null, p.time_zone, a.xmin::text,
                       case when ? then (select count(*) || '/' || coalesce(max(day)::text, '') from streak_repair r where r.user_id = ?) end
                  from (select 1) one
                  left join user_profile p on p.user_id = ?
                  left join user_activity a on a.user_id = ?""", rs -> {
            String zone = rs.getBoolean(1) ? rs.getString(2) : LocalDay.DEFAULT_ZONE.getId(); // as LearnerFacts.zone
            LocalDate day = LocalDay.today(clock.instant(), zone);
            String version = zone + '|' + day + '|' + rs.getString(3) + '|' + rs.getString(4);
            return today ? version + '|' + todaysFacts(c, userId, day) : version;
        }, repairs, userId, userId, userId).orElseThrow());
    }

    private static String todaysFacts(Connection c, String userId, LocalDate day) throws SQLException {
        return Sql.first(c, """
                select d.xmin::text, (select count(*) from quest q where q.user_id = ? and q.quest_date = ? and q.completed_at is not null)
                  from (select 1) one
                  left join user_day d on d.user_id = ? and d.day = ?""",
                rs -> rs.getString(1) + '|' + rs.getLong(2), userId, day, userId, day).orElseThrow();
    }
}
