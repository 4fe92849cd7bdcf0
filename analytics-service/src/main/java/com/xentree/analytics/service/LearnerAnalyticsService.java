package com.xentree.analytics.service;

import com.xentree.analytics.Achievements;
import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.analytics.rest.LearnerResponses.AchievementItem;
import com.xentree.analytics.rest.LearnerResponses.AchievementsResponse;
import com.xentree.analytics.rest.LearnerResponses.DayTime;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseDayEntry;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseResponse;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseSummary;
import com.xentree.analytics.rest.LearnerResponses.LearningTimeAnalyticsResponse;
import com.xentree.analytics.rest.LearnerResponses.PeriodComparison;
import com.xentree.analytics.rest.LearnerResponses.QuestsResponse;
import com.xentree.analytics.rest.LearnerResponses.SourceTime;
import com.xentree.analytics.rest.LearnerResponses.StreakRepairResponse;
import com.xentree.analytics.rest.LearnerResponses.StreakStatusResponse;
import com.xentree.analytics.rest.LearnerResponses.WeeklyActivityResponse;
import com.xentree.analytics.rest.LearnerResponses.WeeklyDay;
import com.xentree.events.LocalDay;
import com.xentree.events.PulseLevels;
import com.xentree.events.QuestItem;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.rest.QueryValues;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A learner's own analytics, computed in their time zone with "today" from the injectable clock. */
@ApplicationScoped
public class LearnerAnalyticsService {

    /** Longest custom range of learning-time analytics. */
    public static final int MAX_RANGE_DAYS = 366;
    public static final int PULSE_DAYS = 365;

    private record Day(long seconds, int sessions, long xp) {

        long minutes() {
            return seconds / 60;
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearnerProgress progress;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    /** When the user's "today" turns after {@code now}: answers that show days relative to it are computed afresh then. */
    public Instant dayTurns(String userId, Instant now) {
        return Sql.withConnection(dataSource, c -> LocalDay.nextDayStarts(now, LearnerFacts.zone(c, userId)));
    }

    public StreakStatusResponse streak(String userId) {
        return Sql.withConnection(dataSource, c -> streak(c, userId));
    }

    /**
     * Restores the most recent missed day of the last two, once per calendar month (the user's
     * local month); 409 when there is nothing to repair or the month's repair is used.
     */
    @Transactional
    public StreakRepairResponse repair(String userId) {
        return Sql.withConnection(dataSource, c -> {
            String zone = LearnerFacts.zone(c, userId);
            LocalDate today = LocalDay.today(clock.instant(), zone);
            Sql.execute(c, "select pg_advisory_xact_lock(hashtext('streak_repair:' || ?))", userId);
            String month = YearMonth.from(today).toString();
            if (Sql.exists(c, "select 1 from streak_repair where user_id = ? and month = ?", userId, month)) {
                throw new ApiException(409, "The streak repair of " + month + " is used; the next one is available on "
                        + today.with(TemporalAdjusters.firstDayOfNextMonth()));
            }
            LocalDate day = Streaks.repairableDay(LearnerFacts.activeDays(c, userId), LearnerFacts.repairedDays(c, userId), today)
                    .orElseThrow(() -> new ApiException(409, "Nothing to repair: no missed day in the last "
                            + Streaks.REPAIR_WINDOW_DAYS + " days after an active one"));
            Sql.update(c, "insert into streak_repair (user_id, day, month, repaired_at) values (?, ?, ?, ?)", userId, day, month,
                    clock.instant());
            List<Outbox.Message> messages = new ArrayList<>();
            progress.refreshStreak(c, userId, today, messages);
            outbox.add(messages);
            return new StreakRepairResponse(day, streak(c, userId));
        });
    }

    private StreakStatusResponse streak(Connection c, String userId) throws SQLException {
        String zone = LearnerFacts.zone(c, userId);
        LocalDate today = LocalDay.today(clock.instant(), zone);
        Streaks.Status s = LearnerFacts.streak(c, userId, today);
        List<LocalDate> recentFreezes = s.freezesUsed().stream().filter(d -> d.isAfter(today.minusDays(31))).toList();
        return new StreakStatusResponse(s.current(), s.longest(), s.dayOnly(), s.activeToday(), s.atRisk(), s.lastActiveDate(),
                s.freezesAvailable(), recentFreezes, s.nextMilestone(), zone);
    }

    /** The ISO week (Monday to Sunday) containing {@code weekStart}, or the current one. */
    public WeeklyActivityResponse weekly(String userId, LocalDate weekStart) {
        return Sql.withConnection(dataSource, c -> {
            String zone = LearnerFacts.zone(c, userId);
            LocalDate today = LocalDay.today(clock.instant(), zone);
            LocalDate monday = (weekStart != null ? weekStart : today).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Map<LocalDate, Day> days = days(c, userId, monday.minusDays(7), monday.plusDays(6));
            List<WeeklyDay> week = new ArrayList<>(7);
            long xp = 0;
            long minutes = 0;
            int active = 0;
            for (int i = 0; i < 7; i++) {
                LocalDate d = monday.plusDays(i);
                Day day = days.getOrDefault(d, new Day(0, 0, 0));
                week.add(new WeeklyDay(d, d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), day.xp(), day.minutes(),
                        day.sessions() > 0));
                xp += day.xp();
                minutes += day.minutes();
                active += day.sessions() > 0 ? 1 : 0;
            }
            long previous = 0;
            for (int i = 0; i < 7; i++) {
                previous += days.getOrDefault(monday.minusDays(7 - i), new Day(0, 0, 0)).xp();
            }
            return new WeeklyActivityResponse(monday, monday.plusDays(6), week, xp, minutes, active, previous, xp - previous,
                    pct(xp - previous, previous), zone);
        });
    }

    /** 365 local days ending today, with intensity levels by the user's own quartiles. */
    public LearningPulseResponse pulse(String userId) {
        return Sql.withConnection(dataSource, c -> {
            LocalDate today = LocalDay.today(clock.instant(), LearnerFacts.zone(c, userId));
            LocalDate start = today.minusDays(PULSE_DAYS - 1);
            Map<LocalDate, Day> days = days(c, userId, start, today);
            PulseLevels levels = new PulseLevels(days.values().stream().filter(d -> d.sessions() > 0).mapToLong(Day::seconds).toArray());
            List<LearningPulseDayEntry> entries = new ArrayList<>(PULSE_DAYS);
            long minutes = 0;
            long sessions = 0;
            int active = 0;
            for (LocalDate d = start; !d.isAfter(today); d = d.plusDays(1)) {
                Day day = days.getOrDefault(d, new Day(0, 0, 0));
                entries.add(new LearningPulseDayEntry(d, day.minutes(), day.sessions(), levels.level(day.sessions() > 0, day.seconds())));
                minutes += day.minutes();
                sessions += day.sessions();
                active += day.sessions() > 0 ? 1 : 0;
            }
            return new LearningPulseResponse(entries, new LearningPulseSummary(minutes, sessions, active, start, today));
        });
    }

    /** Today's three quests with their progress. */
    public QuestsResponse quests(String userId) {
        return Sql.withConnection(dataSource, c -> {
            LocalDate today = LocalDay.today(clock.instant(), LearnerFacts.zone(c, userId));
            Quests.DayTotals totals = LearnerFacts.dayTotals(c, userId, today);
            Set<String> completed = new HashSet<>(Sql.list(c,
                    "select quest_id::text from quest where user_id = ? and quest_date = ? and completed_at is not null",
                    rs -> rs.getString(1), userId, today));
            List<QuestItem> items = Quests.draw(userId, today).stream()
                    .map(q -> Quests.item(q, today, Quests.progress(q, totals), completed.contains(q.id().toString()), today)).toList();
            return new QuestsResponse(today, items, (int) items.stream().filter(i -> QuestItem.COMPLETED.equals(i.status())).count());
        });
    }

    /**
     * Learning time over {@code period} (week, month or year to date) or a custom range of at most
     * {@value #MAX_RANGE_DAYS} days, compared with the equal-length range just before it.
     */
    public LearningTimeAnalyticsResponse learningTime(String userId, String period, LocalDate from, LocalDate to) {
        return Sql.withConnection(dataSource, c -> {
            LocalDate today = LocalDay.today(clock.instant(), LearnerFacts.zone(c, userId));
            String label;
            LocalDate start;
            LocalDate end;
            if (from != null || to != null) {
                if (from == null || to == null) {
                    throw new ApiException(422, "start_date and end_date: give both, or neither and a period");
                }
                if (to.isBefore(from)) {
                    throw new ApiException(422, "end_date: must not be before start_date");
                }
                if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
                    throw new ApiException(422, "start_date, end_date: at most " + MAX_RANGE_DAYS + " days");
                }
                label = "custom";
                start = from;
                end = to;
            } else {
                label = period == null ? "week" : period;
                end = today;
                start = switch (label) {
                    case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    case "month" -> today.withDayOfMonth(1);
                    case "year" -> today.withDayOfYear(1);
                    default -> throw new ApiException(400, QueryValues.invalid("query", "period", period, "one of week, month, year"));
                };
            }
            int length = (int) ChronoUnit.DAYS.between(start, end) + 1;
            LocalDate prevStart = start.minusDays(length);
            Map<LocalDate, Day> days = days(c, userId, prevStart, end);
            List<DayTime> byDay = new ArrayList<>(length);
            long total = 0;
            int active = 0;
            DayTime best = null;
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                Day day = days.getOrDefault(d, new Day(0, 0, 0));
                DayTime dt = new DayTime(d, day.minutes());
                byDay.add(dt);
                total += dt.minutes();
                active += day.sessions() > 0 ? 1 : 0;
                if (day.sessions() > 0 && (best == null || dt.minutes() > best.minutes())) {
                    best = dt;
                }
            }
            long previous = 0;
            for (LocalDate d = prevStart; d.isBefore(start); d = d.plusDays(1)) {
                previous += days.getOrDefault(d, new Day(0, 0, 0)).minutes();
            }
            List<SourceTime> bySource = bySource(c, userId, start, end, total);
            return new LearningTimeAnalyticsResponse(label, start, end, length, total, Math.round(total * 10.0 / length) / 10.0, active,
                    bySource, byDay, best, new PeriodComparison(prevStart, start.minusDays(1), previous, total - previous,
                            pct(total - previous, previous), total > previous ? "up" : total < previous ? "down" : "flat"));
        });
    }

    public AchievementsResponse achievements(String userId) {
        return Sql.withConnection(dataSource, c -> {
            LocalDate today = LocalDay.today(clock.instant(), LearnerFacts.zone(c, userId));
            List<AchievementItem> items = achievementItems(c, userId, LearnerFacts.streak(c, userId, today));
            return new AchievementsResponse(items, unlocked(items));
        });
    }

    /** The catalogue with the user's progress; {@code streak} is their standing today (the longest streak counts). */
    List<AchievementItem> achievementItems(Connection c, String userId, Streaks.Status streak) throws SQLException {
        Achievements.Standing standing = LearnerProgress.standing(c, userId, streak);
        Map<String, Instant> unlocked = new HashMap<>();
        Sql.each(c, "select achievement_id, unlocked_at from achievement_unlock where user_id = ?",
                rs -> unlocked.put(rs.getString(1), rs.getTimestamp(2).toInstant()), userId);
        List<AchievementItem> items = new ArrayList<>();
        for (Achievements.Achievement a : Achievements.CATALOGUE) {
            Instant at = unlocked.get(a.id());
            items.add(new AchievementItem(a.id(), a.name(), a.description(), at != null ? a.goal() : Achievements.progress(a, standing),
                    a.goal(), at != null, at));
        }
        return items;
    }

    /** How many of the achievements are unlocked. */
    static int unlocked(List<AchievementItem> achievements) {
        return (int) achievements.stream().filter(AchievementItem::isCompleted).count();
    }

    private static List<SourceTime> bySource(Connection c, String userId, LocalDate start, LocalDate end, long total) throws SQLException {
        return Sql.list(c, """
                select source, sum(learning_seconds / 60), sum(sessions) from user_day_source
                 where user_id = ? and day between ? and ? group by source order by 2 desc, source""",
                rs -> new SourceTime(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        total == 0 ? 0 : Math.round(rs.getLong(2) * 1000.0 / total) / 10.0), userId, start, end);
    }

    private static Map<LocalDate, Day> days(Connection c, String userId, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Day> days = new HashMap<>();
        Sql.each(c, "select day, learning_seconds, sessions, xp from user_day where user_id = ? and day between ? and ?",
                rs -> days.put(rs.getObject(1, LocalDate.class), new Day(rs.getLong(2), rs.getInt(3), rs.getLong(4))), userId, from, to);
        return days;
    }

    static Double pct(long delta, long previous) {
        return previous == 0 ? null : Math.round(delta * 1000.0 / previous) / 10.0;
    }
}
