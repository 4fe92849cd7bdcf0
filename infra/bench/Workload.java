import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's activity events, generated deterministically from a seed so that every phase (the
 * COPY reference, the ingest, the dashboard's raw-event reference) works on exactly the same events:
 * {@code members} learners ({@code bench-00001} …) in ten time zones with four habits (daily, regular,
 * occasional, lapsing), five kinds of activity from three sources, over the {@code days} days ending
 * at {@code now}, in the order they happened (so a batch holds many users, as live traffic does).
 */
final class Workload {

    static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "America/Sao_Paulo",
        "Australia/Sydney", "Asia/Kolkata", "UTC", "Pacific/Auckland", "Africa/Lagos"};
    /** activity type, source, category, minutes low-high, scored (the mix of infra/tools/DemoData.java) */
    static final Object[][] KINDS = {
        {"lesson_completed", "english", "vocabulary", 5, 25, true},
        {"lesson_completed", "english", "grammar", 5, 30, true},
        {"quiz", "english", "grammar", 3, 10, true},
        {"conversation", "conversations", "speaking", 5, 40, false},
        {"live_session", "live", "listening", 20, 60, false}};
    /** Relative activity of the four habits, by user number modulo 4. */
    static final double[] HABITS = {0.85, 0.5, 0.2, 0.05};
    /** Lapsing learners stopped this many days ago. */
    static final int LAPSED_FOR_DAYS = 60;

    record Event(UUID id, int user, Instant occurredAt, int kind, int durationSeconds, Integer score) {

        String userId() {
            return Workload.userId(user);
        }

        String zone() {
            return Workload.zoneOf(user);
        }

        String json() {
            Object[] k = KINDS[kind];
            StringBuilder s = new StringBuilder(260).append("{\"event_id\":\"").append(id).append("\",\"user_id\":\"").append(userId())
                    .append("\",\"occurred_at\":\"").append(occurredAt).append("\",\"time_zone\":\"").append(zone())
                    .append("\",\"activity_type\":\"").append(k[0]).append("\",\"source\":\"").append(k[1])
                    .append("\",\"category\":\"").append(k[2]).append("\",\"duration_seconds\":").append(durationSeconds);
            if (score != null) {
                s.append(",\"score\":").append(score);
            }
            return s.append('}').toString();
        }

        /** One line of PostgreSQL COPY text format, in the column order of {@link Bench#RAW_TABLE}. */
        void copyLine(StringBuilder s) {
            Object[] k = KINDS[kind];
            s.append(id).append('\t').append(userId()).append('\t').append(occurredAt).append('\t').append(zone()).append('\t')
                    .append(k[0]).append('\t').append(k[1]).append('\t').append(k[2]).append('\t').append(durationSeconds)
                    .append("\t\\N\t").append(score == null ? "\\N" : score.toString()).append('\n');
        }

        /** Base XP as DESIGN.md section 4 defines it (these events carry no xp: one per full minute). */
        int baseXp() {
            return durationSeconds / 60;
        }
    }

    static String userId(int user) {
        return String.format("bench-%05d", user + 1);
    }

    static String zoneOf(int user) {
        return ZONES[user % ZONES.length];
    }

    /**
     * @param namespace distinguishes event sets of one run (the main ingest and the naive reference post
     *                  different events to the same users)
     */
    static List<Event> generate(int events, int members, int days, long seed, Instant now, String namespace) {
        Random random = new Random(seed ^ namespace.hashCode());
        double[] cumulative = new double[members];
        double total = 0;
        for (int u = 0; u < members; u++) {
            total += HABITS[u % HABITS.length];
            cumulative[u] = total;
        }
        List<Event> list = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int found = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
            int user = Math.min(members - 1, found >= 0 ? found : -found - 1);
            boolean lapsing = HABITS[user % HABITS.length] < 0.1 && days > 2 * LAPSED_FOR_DAYS;
            int back = lapsing ? LAPSED_FOR_DAYS + random.nextInt(days - LAPSED_FOR_DAYS) : random.nextInt(days);
            ZoneId zone = ZoneId.of(zoneOf(user));
            LocalDate day = LocalDate.ofInstant(now, zone).minusDays(back);
            Instant at = day.atTime(7 + random.nextInt(15), random.nextInt(60), random.nextInt(60)).atZone(zone).toInstant();
            if (at.isAfter(now)) {
                at = now.minusSeconds(1 + random.nextInt(3600));
            }
            int kind = random.nextInt(KINDS.length);
            Object[] k = KINDS[kind];
            int minutes = (int) k[3] + random.nextInt((int) k[4] - (int) k[3] + 1);
            Integer score = (boolean) k[5] ? 40 + random.nextInt(61) : null;
            UUID id = UUID.nameUUIDFromBytes(("bench:" + seed + ":" + namespace + ":" + i).getBytes(StandardCharsets.UTF_8));
            list.add(new Event(id, user, at, kind, minutes * 60 + random.nextInt(60), score));
        }
        list.sort(Comparator.comparing(Event::occurredAt));
        return list;
    }

    private Workload() {
    }
}
