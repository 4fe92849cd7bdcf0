package com.xentree.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The known event set of a fault-injection run: learners in many time zones with different habits
 * over the past {@code days} days and today, a few of them over the daily XP cap, and the order in
 * which the events are sent, with a share of them sent twice.
 *
 * <p>Today's activities of a learner all happen at one instant ({@link Learner#todayAt}). A quest
 * completed today starts its boost at the latest {@code occurred_at} analytics has seen, which is
 * then that instant whatever the batching, so the XP each activity earns is determined by the event
 * set alone and an oracle can compute it exactly. Learners are only placed in zones where the run
 * starts well inside the local day, so "today" does not change under a run.
 */
final class FaultEventSet {

    record Learner(String id, String username, ZoneId zone, Instant todayAt) {
    }

    record Activity(UUID id, String userId, Instant occurredAt, ZoneId zone, String type, String source, String category,
            int durationSeconds, Integer xp, Integer score) {

        LocalDate day() {
            return occurredAt.atZone(zone).toLocalDate();
        }

        int baseXp() {
            return xp != null ? xp : durationSeconds / 60;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event_id", id.toString());
            m.put("user_id", userId);
            m.put("occurred_at", occurredAt.toString());
            m.put("time_zone", zone.getId());
            m.put("activity_type", type);
            m.put("source", source);
            m.put("category", category);
            m.put("duration_seconds", durationSeconds);
            if (xp != null) {
                m.put("xp", xp);
            }
            if (score != null) {
                m.put("score", score);
            }
            return m;
        }
    }

    /** Zones across the whole offset range, including the :30 and :45 ones and both ends of the date line. */
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles",
            "America/Sao_Paulo", "America/St_Johns", "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney",
            "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Africa/Nairobi", "Asia/Tehran",
            "America/Anchorage");
    private static final String[] TYPES = {"lesson", "quiz", "conversation", "live_session"};
    private static final String[] SOURCES = {"english", "spanish", "math", "coding"};
    private static final String[] CATEGORIES = {"grammar", "vocabulary", "listening", "algebra"};
    /** Chance of learning on a given day, by habit. */
    private static final double[] HABITS = {0.95, 0.7, 0.4, 0.15};

    final String run;
    final List<Learner> learners = new ArrayList<>();
    final List<Activity> activities = new ArrayList<>();
    /** What is posted, in order: every activity once, shuffled, plus the duplicates. */
    final List<Activity> sendOrder = new ArrayList<>();
    final int duplicates;

    FaultEventSet(String run, int learnerCount, int days, double duplicateShare, long seed, Instant now) {
        this.run = run;
        Random random = new Random(seed);
        List<ZoneId> zones = ZONES.stream().map(ZoneId::of).filter(z -> wellInsideTheDay(now, z)).toList();
        for (int i = 0; i < learnerCount; i++) {
            ZoneId zone = zones.get(i % zones.size());
            Learner learner = new Learner("fault-" + run + "-" + i, "f" + run + "_" + i, zone, now.minus(Duration.ofMinutes(10)));
            learners.add(learner);
            generate(learner, days, HABITS[i % HABITS.length], i % 10 == 3, now, random);
        }
        // each send gets a random place in [0, 1); a duplicate goes anywhere after its original (a
        // client retry, or an upstream redelivery)
        record Send(double at, Activity activity) {
        }
        List<Send> sends = new ArrayList<>();
        double[] placed = new double[activities.size()];
        for (int i = 0; i < activities.size(); i++) {
            placed[i] = random.nextDouble();
            sends.add(new Send(placed[i], activities.get(i)));
        }
        int copies = (int) Math.round(activities.size() * duplicateShare);
        for (int i = 0; i < copies; i++) {
            int original = random.nextInt(activities.size());
            sends.add(new Send(placed[original] + random.nextDouble() * (1 - placed[original]), activities.get(original)));
        }
        sends.sort(Comparator.comparingDouble(Send::at));
        sends.forEach(send -> sendOrder.add(send.activity()));
        this.duplicates = copies;
    }

    /** Between 01:30 and 21:00 local time: hours of margin before the local date changes. */
    private static boolean wellInsideTheDay(Instant now, ZoneId zone) {
        LocalTime t = now.atZone(zone).toLocalTime();
        return t.isAfter(LocalTime.of(1, 30)) && t.isBefore(LocalTime.of(21, 0));
    }

    private void generate(Learner learner, int days, double habit, boolean overTheCap, Instant now, Random random) {
        LocalDate today = now.atZone(learner.zone()).toLocalDate();
        for (int back = days; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            if (random.nextDouble() >= habit) {
                continue;
            }
            int sessions = 1 + random.nextInt(3);
            for (int s = 0; s < sessions; s++) {
                ZonedDateTime at = day.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60)).atZone(learner.zone());
                // now and then a day lived in another zone (travel), far enough back not to touch today
                ZoneId zone = back > 3 && random.nextInt(20) == 0 ? ZoneId.of(ZONES.get(random.nextInt(ZONES.size()))) : learner.zone();
                Integer xp = random.nextInt(10) < 3 ? 5 + random.nextInt(96) : null;
                activities.add(activity(learner, at.toInstant(), zone, 30 + random.nextInt(3571), xp, random));
            }
            if (overTheCap && back % 9 == 0) {
                // two big grants in one category on one day: the daily cap (3000) holds the second back in part
                Instant at = day.atTime(12, 0).atZone(learner.zone()).toInstant();
                activities.add(activityIn(learner, at, "grammar", 600, 2500, random));
                activities.add(activityIn(learner, at.plusSeconds(60), "grammar", 600, 1200, random));
            }
        }
        if (random.nextInt(10) < 6) {
            // today's activities, all at one instant, small enough to stay under the cap with any boost
            for (int s = 1 + random.nextInt(4); s > 0; s--) {
                Integer xp = random.nextBoolean() ? 5 + random.nextInt(46) : null;
                activities.add(activity(learner, learner.todayAt(), learner.zone(), 60 + random.nextInt(1441), xp, random));
            }
        }
    }

    private Activity activity(Learner learner, Instant at, ZoneId zone, int durationSeconds, Integer xp, Random random) {
        return new Activity(id(random), learner.id(), at, zone, TYPES[random.nextInt(TYPES.length)], SOURCES[random.nextInt(SOURCES.length)],
                CATEGORIES[random.nextInt(CATEGORIES.length)], durationSeconds, xp, random.nextBoolean() ? random.nextInt(101) : null);
    }

    private Activity activityIn(Learner learner, Instant at, String category, int durationSeconds, int xp, Random random) {
        return new Activity(id(random), learner.id(), at, learner.zone(), "quiz", "english", category, durationSeconds, xp, null);
    }

    /** Ids from the run's random source: the same seed gives the same event set. */
    private UUID id(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return UUID.nameUUIDFromBytes((run + ":" + UUID.nameUUIDFromBytes(bytes)).getBytes(StandardCharsets.UTF_8));
    }

    int uniqueEvents() {
        return activities.size();
    }
}
