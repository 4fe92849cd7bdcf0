package com.xentree.adminstats.service;

import com.xentree.adminstats.Team;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * What every admin view reads: the members in scope (an organization, optionally one team) and their
 * per-day rollups in a range, or their sums per member or per day as PostgreSQL adds them up, loaded
 * with one query each, plus the arithmetic over them.
 */
public final class Rollups {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    private Rollups() {
    }

    /** One member in scope, with what the profile topic told us and when they were last active. */
    public record Member(String userId, String role, UUID teamId, Instant joinedAt, String username, String fullName, String email,
            String avatarUrl, Instant lastActiveAt, LocalDate lastActiveDay) {
    }

    public record Day(long seconds, long sessions, long xp, long scoreSum, long scoreCount) {

        static final Day NONE = new Day(0, 0, 0, 0, 0);

        public boolean active() {
            return sessions > 0;
        }
    }

    /** {@link Day#active()} in SQL, over member_day rows named {@code d}. */
    static final String ACTIVE_DAY = "d.sessions > 0";

    /**
     * Sums over member-days: learning seconds, sessions, XP, how many of the member-days were active,
     * and scores. The sums PostgreSQL makes for the engagement dashboard carry no scores (0): it shows
     * none, and summing them would cost a heap read per member-day (the covering index has no scores).
     */
    public record Totals(long seconds, long sessions, long xp, long activeDays, long scoreSum, long scoreCount) {

        public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

        public boolean active() {
            return activeDays > 0;
        }

        public Totals plus(Totals o) {
            return new Totals(seconds + o.seconds, sessions + o.sessions, xp + o.xp, activeDays + o.activeDays, scoreSum + o.scoreSum,
                    scoreCount + o.scoreCount);
        }

        public Totals minus(Totals o) {
            return new Totals(seconds - o.seconds, sessions - o.sessions, xp - o.xp, activeDays - o.activeDays, scoreSum - o.scoreSum,
                    scoreCount - o.scoreCount);
        }
    }

    /** One member's totals in the range and in the previous range, and the weeks from their join week they were active in (bit k: week k). */
    public record MemberTotals(Totals range, Totals previous, int activeWeeks) {

        public boolean activeInWeek(int k) {
            return (activeWeeks & 1 << k) != 0;
        }
    }

    public record Range(LocalDate start, LocalDate end, LocalDate previousStart, LocalDate previousEnd, int days) {

        public boolean contains(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
    }

    /** The range asked for: default the 30 days ending today (UTC); at most 366 days; the previous range of equal length. */
    public static Range range(LocalDate start, LocalDate end, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate e = end != null ? end : start != null ? start.plusDays(DEFAULT_DAYS - 1) : today;
        LocalDate s = start != null ? start : e.minusDays(DEFAULT_DAYS - 1);
        if (e.isBefore(s)) {
            throw new ApiException(422, "end_date: must not be before start_date");
        }
        int days = (int) ChronoUnit.DAYS.between(s, e) + 1;
        if (days > MAX_DAYS) {
            throw new ApiException(422, "start_date, end_date: at most " + MAX_DAYS + " days");
        }
        return new Range(s, e, s.minusDays(days), s.minusDays(1), days);
    }

    public static List<Member> members(Connection c, UUID organizationId, UUID teamId, String userId, LocalDate end) throws SQLException {
        return members(c, organizationId, teamId, userId, end, true);
    }

    /** The members in scope; their last active day only with {@code lastActiveDay} (one index probe per member), else null. */
    public static List<Member> members(Connection c, UUID organizationId, UUID teamId, String userId, LocalDate end, boolean lastActiveDay)
            throws SQLException {
        return Sql.list(c, """
                select m.user_id, m.role, m.team_id, m.joined_at, p.username, p.full_name, p.email, p.avatar_url, a.last_active_at,
                       %s
                  from membership m
                  left join member_profile p on p.user_id = m.user_id
                  left join member_last_active a on a.user_id = m.user_id
                 where m.organization_id = ? and (?::uuid is null or m.team_id = ?::uuid) and (?::text is null or m.user_id = ?::text)
                 order by m.joined_at, m.user_id""".formatted(lastActiveDay
                ? "(select max(d.day) from member_day d where d.user_id = m.user_id and " + ACTIVE_DAY + " and d.day <= ?)" : "?::date"),
                rs -> new Member(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getObject(10, LocalDate.class)),
                lastActiveDay ? end : null, organizationId, teamId, teamId, userId, userId);
    }

    /**
     * The first day the platform knows of a user: the earlier of their account's creation (UTC date,
     * from user.profile.v1) and their first recorded activity (local day); null when neither is known.
     * Imported history counts: activity may arrive for a user before their profile does.
     */
    public static LocalDate firstKnownDay(Connection c, String userId) throws SQLException {
        return Sql.first(c, """
                select least((select min(d.day) from member_day d where d.user_id = ?),
                             (select (p.created_at at time zone 'UTC')::date from member_profile p where p.user_id = ?))""",
                rs -> rs.getObject(1, LocalDate.class), userId, userId).orElse(null);
    }

    public static Map<String, Map<LocalDate, Day>> days(Connection c, UUID organizationId, UUID teamId, String userId, LocalDate from,
            LocalDate to) throws SQLException {
        Map<String, Map<LocalDate, Day>> days = new HashMap<>();
        Sql.each(c, """
                select d.user_id, d.day, d.learning_seconds, d.sessions, d.xp, d.score_sum, d.score_count
                  from membership m join member_day d on d.user_id = m.user_id
                 where m.organization_id = ? and (?::uuid is null or m.team_id = ?::uuid) and (?::text is null or m.user_id = ?::text)
                   and d.day between ? and ?""", rs -> days.computeIfAbsent(rs.getString(1), u -> new HashMap<>())
                .put(rs.getObject(2, LocalDate.class), new Day(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))),
                organizationId, teamId, teamId, userId, userId, from, to);
        return days;
    }

    /**
     * Each member's totals, summed by PostgreSQL (one row per member, never their days): in the range,
     * in the previous range, and their active weeks among the first {@code weeks} from the Monday of
     * their join day. Days before {@code weeksFrom} count for no week.
     */
    public static Map<String, MemberTotals> memberTotals(Connection c, List<Member> members, Range r, LocalDate weeksFrom, int weeks)
            throws SQLException {
        if (!r.previousEnd().plusDays(1).equals(r.start()) || weeks > 31) {
            throw new IllegalArgumentException("the previous range must adjoin the range; at most 31 weeks fit the bits of an int");
        }
        // aggregates inside LATERAL keep the plan index-only range scans per member, whatever the planner guesses for unnest;
        // one scan sums both ranges and the range alone (the previous range's are the difference): cheaper than a filter per range
        Map<String, MemberTotals> totals = new HashMap<>(members.size() * 2);
        Sql.each(c, """
                select s.user_id, t.*, w.active_weeks
                  from (values (?::date, ?::date, ?::date, ?::date, ?::int)) p(previous_start, range_start, range_end, weeks_from, weeks)
                 cross join unnest(?::text[], ?::date[]) s(user_id, join_week)
                 cross join lateral (
                       select %s, %s
                         from member_day d
                        where d.user_id = s.user_id and d.day between p.previous_start and p.range_end) t
                 cross join lateral (
                       select bit_or(1 << ((d.day - s.join_week) / 7)) active_weeks
                         from member_day d
                        where s.join_week is not null and d.user_id = s.user_id and %s
                          and d.day between greatest(s.join_week, p.weeks_from) and least(s.join_week + 7 * p.weeks - 1, p.range_end)) w"""
                .formatted(totalsOf(null), totalsOf("d.day >= p.range_start"), ACTIVE_DAY), rs -> {
            Totals range = totals(rs, 6);
            totals.put(rs.getString(1), new MemberTotals(range, totals(rs, 2).minus(range), rs.getInt(10)));
        }, r.previousStart(), r.start(), r.end(), weeksFrom, weeks, c.createArrayOf("text", members.stream().map(Member::userId).toArray()),
                // no join week (no scan at all) for a member whose weeks all lie outside the days looked at
                c.createArrayOf("date", members.stream().map(m -> monday(joinDay(m))).map(w -> w.plusWeeks(weeks).isAfter(weeksFrom)
                        && !w.isAfter(r.end()) ? java.sql.Date.valueOf(w) : null).toArray()));
        return totals;
    }

    /** Each day's totals over the members, from {@code from} to {@code to}, summed by PostgreSQL; days nobody has a row for are absent. */
    public static Map<LocalDate, Totals> dayTotals(Connection c, List<Member> members, LocalDate from, LocalDate to) throws SQLException {
        // per member an index-only range scan, as in memberTotals ("offset 0" keeps the planner from making it a join: it would
        // rather merge-join a scan of the whole index); planned with the array itself, never generically: a generic plan takes
        // unnest for 10 rows and sorts every member-day instead of hashing them by day
        try (PreparedStatement ps = c.prepareStatement("""
                select d.day, %s
                  from unnest(?::text[]) s(user_id)
                 cross join lateral (
                       select d.day, d.learning_seconds, d.sessions, d.xp
                         from member_day d
                        where d.user_id = s.user_id and d.day between ? and ? offset 0) d
                 group by d.day""".formatted(totalsOf(null)))) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            ps.setArray(1, c.createArrayOf("text", members.stream().map(Member::userId).toArray()));
            ps.setObject(2, from);
            ps.setObject(3, to);
            Map<LocalDate, Totals> days = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getObject(1, LocalDate.class), totals(rs, 2));
                }
            }
            return days;
        }
    }

    /** The columns of a {@link Totals} over the member_day rows {@code d}, or over those of them that meet {@code where}. */
    private static String totalsOf(String where) {
        String filter = where == null ? "" : " filter (where " + where + ")";
        return "sum(d.learning_seconds)" + filter + ", sum(d.sessions)" + filter + ", sum(d.xp)" + filter
                + ", count(*) filter (where " + (where == null ? "" : where + " and ") + ACTIVE_DAY + ")";
    }

    /** A {@link Totals} from the four columns {@link #totalsOf} wrote, starting at {@code column} (a sum over no rows is null: 0). */
    private static Totals totals(ResultSet rs, int column) throws SQLException {
        return new Totals(rs.getLong(column), rs.getLong(column + 1), rs.getLong(column + 2), rs.getLong(column + 3), 0, 0);
    }

    public static Map<UUID, String> teamNames(UUID organizationId) {
        Map<UUID, String> names = new HashMap<>();
        Team.of(organizationId).forEach(t -> names.put(t.id, t.name));
        return names;
    }

    /** One member's totals over a period from their days (none: {@link Totals#NONE}). */
    public static Totals totals(Map<LocalDate, Day> days, LocalDate from, LocalDate to) {
        if (days == null) {
            return Totals.NONE;
        }
        Totals sum = Totals.NONE;
        for (Map.Entry<LocalDate, Day> e : days.entrySet()) {
            if (!e.getKey().isBefore(from) && !e.getKey().isAfter(to)) {
                Day d = e.getValue();
                sum = sum.plus(new Totals(d.seconds(), d.sessions(), d.xp(), d.active() ? 1 : 0, d.scoreSum(), d.scoreCount()));
            }
        }
        return sum;
    }

    public static long sum(Map<String, Map<LocalDate, Day>> days, LocalDate from, LocalDate to, ToLongFunction<Day> f) {
        return days.values().stream().mapToLong(d -> sumOf(d, from, to, f)).sum();
    }

    public static long sumOf(Map<LocalDate, Day> days, LocalDate from, LocalDate to, ToLongFunction<Day> f) {
        if (days == null) {
            return 0;
        }
        long total = 0;
        for (Map.Entry<LocalDate, Day> e : days.entrySet()) {
            if (!e.getKey().isBefore(from) && !e.getKey().isAfter(to)) {
                total += f.applyAsLong(e.getValue());
            }
        }
        return total;
    }

    public static double hours(Map<String, Map<LocalDate, Day>> days, LocalDate from, LocalDate to) {
        return sum(days, from, to, Day::seconds) / 3600.0;
    }

    public static long activeDays(Map<LocalDate, Day> days, LocalDate from, LocalDate to) {
        return days.entrySet().stream().filter(e -> e.getValue().active() && !e.getKey().isBefore(from) && !e.getKey().isAfter(to)).count();
    }

    public static double avgScore(Map<LocalDate, Day> days, LocalDate from, LocalDate to) {
        long count = sumOf(days, from, to, Day::scoreCount);
        return count == 0 ? 0 : (double) sumOf(days, from, to, Day::scoreSum) / count;
    }

    public static double pct(long part, long whole) {
        return whole == 0 ? 0 : part * 100.0 / whole;
    }

    public static LocalDate joinDay(Member m) {
        return LocalDate.ofInstant(m.joinedAt(), ZoneOffset.UTC);
    }

    public static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
