package com.xentree.system;

import com.xentree.system.FaultEventSet.Activity;
import com.xentree.system.FaultEventSet.Learner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every read model must show after a fault run, computed from the event set alone, straight
 * from the rules of DESIGN.md section 4 and written apart from the services' code: XP, the daily
 * cap and quest boosts, levels, per-day totals, streaks with freezes, the pulse and today's quests.
 * Only the quest draw is taken from the system (which three quests a learner has today); their
 * progress, completion and the boosts they grant are computed here.
 */
final class FaultOracle {

    static final long DAILY_CATEGORY_CAP = 3000;

    /** One of today's quests as drawn by the system: what it counts, its target and its reward. */
    record Quest(String id, String category, int target, BigDecimal multiplier, int rewardMinutes) {
    }

    record Day(long seconds, int sessions, long scoreSum, int scoreCount, long xp) {
    }

    record Streak(int current, int longest, int dayOnly, boolean activeToday, boolean atRisk) {
    }

    record PulseDay(long learningMinutes, int sessions, int level) {
    }

    record Figures(long totalXp, int level, long currentLevelXp, long xpNeededForNextLevel, Map<String, Long> xpByCategory,
            Map<LocalDate, Day> days, Streak streak, Map<LocalDate, PulseDay> pulse, Map<String, Integer> questProgress,
            Map<String, Boolean> questCompleted, long activities, long baseXp) {
    }

    private final Map<String, List<Activity>> byLearner = new HashMap<>();

    FaultOracle(FaultEventSet events) {
        for (Activity a : events.activities) {
            byLearner.computeIfAbsent(a.userId(), k -> new ArrayList<>()).add(a);
        }
    }

    /**
     * @param today   the learner's local date when the read models are read
     * @param quests  the learner's quests of {@code today}, as drawn by the system
     */
    Figures figures(Learner learner, LocalDate today, List<Quest> quests) {
        List<Activity> mine = byLearner.getOrDefault(learner.id(), List.of());
        List<Activity> ofToday = mine.stream().filter(a -> a.day().equals(today)).toList();

        // Quests complete at the instant of today's activities; their boosts raise today's XP, which
        // can complete the XP quest in turn: iterate to the fixed point, as the system converges to it.
        Map<String, Boolean> completed = new TreeMap<>();
        Map<String, Integer> progress = new TreeMap<>();
        List<Quest> done = new ArrayList<>();
        while (true) {
            long seconds = ofToday.stream().mapToLong(Activity::durationSeconds).sum();
            long xp = cappedXp(ofToday, done, learner.todayAt()).values().stream().mapToLong(Long::longValue).sum();
            List<Quest> nowDone = new ArrayList<>();
            for (Quest q : quests) {
                long value = switch (q.category()) {
                    case "learning_time" -> seconds / 60;
                    case "sessions" -> ofToday.size();
                    case "xp" -> xp;
                    case "streak" -> ofToday.isEmpty() ? 0 : 1;
                    default -> throw new IllegalArgumentException("unknown quest category " + q.category());
                };
                progress.put(q.id(), (int) value);
                completed.put(q.id(), value >= q.target());
                if (value >= q.target()) {
                    nowDone.add(q);
                }
            }
            if (nowDone.size() == done.size()) {
                break;
            }
            done = nowDone;
        }

        Map<String, Long> xpByDayCategory = cappedXp(mine, done, learner.todayAt());
        Map<String, Long> xpByCategory = new TreeMap<>();
        Map<LocalDate, Long> xpByDay = new HashMap<>();
        xpByDayCategory.forEach((key, xp) -> {
            String[] dayAndCategory = key.split("\\|", 2);
            xpByCategory.merge(dayAndCategory[1], xp, Long::sum);
            xpByDay.merge(LocalDate.parse(dayAndCategory[0]), xp, Long::sum);
        });
        long total = xpByCategory.values().stream().mapToLong(Long::longValue).sum();
        int level = 1;
        while (levelStart(level + 1) <= total) {
            level++;
        }

        Map<LocalDate, Day> days = new TreeMap<>();
        for (Activity a : mine) {
            Day d = days.getOrDefault(a.day(), new Day(0, 0, 0, 0, 0));
            days.put(a.day(), new Day(d.seconds() + a.durationSeconds(), d.sessions() + 1, d.scoreSum() + (a.score() == null ? 0 : a.score()),
                    d.scoreCount() + (a.score() == null ? 0 : 1), xpByDay.getOrDefault(a.day(), 0L)));
        }
        return new Figures(total, level, total - levelStart(level), levelStart(level + 1) - total, xpByCategory, days,
                streak(new TreeSet<>(days.keySet()), today), pulse(days, today), progress, completed, mine.size(),
                mine.stream().mapToLong(Activity::baseXp).sum());
    }

    /** XP needed to reach a level: 100·L to go from L to L+1, so level L starts at 50·L·(L−1). */
    static long levelStart(int level) {
        return 50L * level * (level - 1);
    }

    /**
     * Granted XP per "day|category": each activity earns its base XP times the largest boost of a
     * completed quest whose window holds it (rounded down), and a day's category keeps at most the cap.
     */
    private static Map<String, Long> cappedXp(List<Activity> activities, List<Quest> completedQuests, Instant completedAt) {
        Map<String, Long> earned = new TreeMap<>();
        for (Activity a : activities) {
            BigDecimal multiplier = BigDecimal.ONE;
            for (Quest q : completedQuests) {
                boolean inWindow = !a.occurredAt().isBefore(completedAt) && a.occurredAt().isBefore(completedAt.plusSeconds(60L * q.rewardMinutes()));
                if (inWindow && q.multiplier().compareTo(multiplier) > 0) {
                    multiplier = q.multiplier();
                }
            }
            long xp = BigDecimal.valueOf(a.baseXp()).multiply(multiplier).setScale(0, RoundingMode.FLOOR).longValueExact();
            earned.merge(a.day() + "|" + a.category(), xp, Long::sum);
        }
        earned.replaceAll((k, v) -> Math.min(v, DAILY_CATEGORY_CAP));
        return earned;
    }

    /**
     * Walks the days from the first active one: an active day adds to the streak, and every 7th
     * active day in a row earns a freeze (at most 2 held); a missed day spends a freeze, keeping the
     * streak without adding to it, or ends the streak. Today only counts once it is active.
     */
    static Streak streak(TreeSet<LocalDate> activeDays, LocalDate today) {
        TreeSet<LocalDate> active = new TreeSet<>(activeDays.headSet(today, true));
        if (active.isEmpty()) {
            return new Streak(0, 0, 0, false, false);
        }
        int current = 0;
        int longest = 0;
        int inARow = 0;
        int freezes = 0;
        for (LocalDate d = active.first(); d.isBefore(today); d = d.plusDays(1)) {
            if (active.contains(d)) {
                current++;
                inARow++;
                freezes = inARow % 7 == 0 ? Math.min(2, freezes + 1) : freezes;
                longest = Math.max(longest, current);
            } else {
                inARow = 0;
                if (current > 0 && freezes > 0) {
                    freezes--;
                } else {
                    current = 0;
                }
            }
        }
        boolean activeToday = active.contains(today);
        if (activeToday) {
            current++;
            longest = Math.max(longest, current);
        }
        int dayOnly = 0;
        for (LocalDate d = activeToday ? today : today.minusDays(1); active.contains(d); d = d.minusDays(1)) {
            dayOnly++;
        }
        return new Streak(current, longest, dayOnly, activeToday, current > 0 && !activeToday);
    }

    /** The 365 days ending today; a day's level is 1 + how many quarters of the active days learned less than it did. */
    static Map<LocalDate, PulseDay> pulse(Map<LocalDate, Day> days, LocalDate today) {
        LocalDate first = today.minusDays(364);
        List<Long> activeSeconds = days.entrySet().stream().filter(e -> !e.getKey().isBefore(first) && !e.getKey().isAfter(today))
                .map(e -> e.getValue().seconds()).toList();
        Map<LocalDate, PulseDay> pulse = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Day day = days.get(d);
            if (day == null) {
                pulse.put(d, new PulseDay(0, 0, 0));
                continue;
            }
            long less = activeSeconds.stream().filter(s -> s < day.seconds()).count();
            pulse.put(d, new PulseDay(day.seconds() / 60, day.sessions(), 1 + (int) Math.min(3, less * 4 / activeSeconds.size())));
        }
        return pulse;
    }
}
