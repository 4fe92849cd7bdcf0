package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.Topics;
import com.xentree.system.FaultEventSet.Activity;
import com.xentree.system.FaultEventSet.Learner;
import com.xentree.system.FaultOracle.Day;
import com.xentree.system.FaultOracle.Figures;
import com.xentree.system.FaultOracle.PulseDay;
import com.xentree.system.RunningSystem.Service;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault-injection run: a known event set, with a share of duplicates, is posted while each
 * service in turn is killed with SIGKILL and restarted, the Kafka broker is restarted and PostgreSQL
 * is restarted; then the whole topic is replayed. Once the system settles, every read model is
 * compared with {@link FaultOracle}, value by value: they must be equal.
 *
 * <p>Sizes come from system properties ({@code fault.learners}, {@code fault.days},
 * {@code fault.rounds}, {@code fault.seed}); CI runs the small default, {@code infra/fault-run.sh}
 * the long run.
 */
@ExtendWith(SystemExtension.class)
class FaultInjectionIT {

    enum Fault {
        KILL_PROFILE, KILL_ANALYTICS, KILL_ADMIN_STATS, RESTART_KAFKA, RESTART_POSTGRES
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 250;
    private static final int SENDERS = 4;
    /** The least time posting one part takes. */
    private static final long PART_MILLIS = 4000;
    /** The longest range the admin dashboards accept. */
    private static final int ADMIN_MAX_RANGE_DAYS = 366;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicLong posts = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    String eventsKey;
    /** Where batches are posted, in turn (the scale-out run posts to every analytics replica). */
    List<String> ingestion = List.of(Service.ANALYTICS.url());

    @Test
    void everyReadModelEqualsTheOracleAfterKillsRestartsDuplicatesAndAReplay() throws Exception {
        int learnerCount = Integer.getInteger("fault.learners", 24);
        int days = Integer.getInteger("fault.days", 40);
        int rounds = Integer.getInteger("fault.rounds", 1);
        long seed = Long.getLong("fault.seed", System.nanoTime());
        String run = UUID.randomUUID().toString().substring(0, 6);
        long started = System.nanoTime();
        FaultEventSet events = new FaultEventSet(run, learnerCount, days, 0.10, seed, Instant.now());
        FaultOracle oracle = new FaultOracle(events);
        String organizationId = register(events);
        eventsKey = CrossServiceIT.issueEventsKey(Tokens.token("fault-" + run + "-admin", "admin")).get("key");

        List<Fault> plan = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            plan.addAll(List.of(Fault.values()));
        }
        List<String> faultLog = new ArrayList<>();
        int parts = plan.size() + 1;
        int size = events.sendOrder.size();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < parts; i++) {
                List<Activity> part = events.sendOrder.subList(i * size / parts, (i + 1) * size / parts);
                Future<?> sending = background.submit(() -> send(part));
                if (i < plan.size()) {
                    Thread.sleep(PART_MILLIS / 4); // the fault hits while the part is being posted
                    long t0 = System.nanoTime();
                    inject(plan.get(i));
                    faultLog.add(String.format("%s (back in %.1f s, %,d events sent so far)", plan.get(i),
                            (System.nanoTime() - t0) / 1e9, sent.get()));
                }
                sending.get(15, TimeUnit.MINUTES);
            }
        } finally {
            background.shutdownNow();
        }
        long replayed = replayTopic(events);

        long deadline = System.nanoTime() + Duration.ofMinutes(Integer.getInteger("fault.settle-minutes", 4)).toNanos();
        Comparison last = compare(events, oracle, organizationId);
        while (!last.mismatches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            last = compare(events, oracle, organizationId);
        }
        // settled: compare once more, so a figure that passed on its way somewhere else is caught
        if (last.mismatches.isEmpty()) {
            Thread.sleep(3000);
            last = compare(events, oracle, organizationId);
        }
        String report = report(events, seed, faultLog, replayed, last, (System.nanoTime() - started) / 1e9)
                + String.format("posts: %,d, of which %,d retries of a batch not accepted at first (a service down or not ready)%n",
                        posts.get(), retries.get());
        System.out.println(report);
        Path out = RunningSystem.root().resolve("infra/system-tests/target/fault-run.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertEquals(plan.size(), faultLog.size());
        assertTrue(last.compared > 0);
        assertEquals(List.of(), last.mismatches.subList(0, Math.min(40, last.mismatches.size())), "mismatches with the oracle");
    }

    /** The learners with their zones in profile-service (and, through user.profile.v1, analytics), and one organization of them all. */
    String register(FaultEventSet events) throws Exception {
        String admin = Tokens.token("fault-" + events.run + "-admin", "admin");
        for (Learner l : events.learners) {
            Map<String, Object> body = Map.of("user_id", l.id(), "username", l.username(), "time_zone", l.zone().getId(), "public_profile", false);
            expect(201, request(Service.PROFILE, "/api/v1/users", admin).POST(json(body)).build());
        }
        String owner = Tokens.token("fault-" + events.run + "-owner");
        String organizationId = JSON.readTree(expect(201, request(Service.ADMIN_STATS, "/api/v1/organizations", owner)
                .POST(json(Map.of("name", "Fault run " + events.run))).build())).get("id").asText();
        for (Learner l : events.learners) {
            expect(201, request(Service.ADMIN_STATS, "/api/v1/organizations/" + organizationId + "/members", owner)
                    .POST(json(Map.of("user_id", l.id()))).build());
        }
        // "today" in analytics is the learner's zone: it must be known before the first activity
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (zonesKnown(events) < events.learners.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("analytics did not learn the learners' zones within 60 s");
            }
            Thread.sleep(250);
        }
        return organizationId;
    }

    private static long zonesKnown(FaultEventSet events) throws Exception {
        long known = 0;
        Map<String, String> zones = new HashMap<>();
        events.learners.forEach(l -> zones.put(l.id(), l.zone().getId()));
        try (Connection c = RunningSystem.database(Service.ANALYTICS);
                PreparedStatement ps = c.prepareStatement("select user_id, time_zone from user_profile where user_id like ?")) {
            ps.setString(1, "fault-" + events.run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known += Objects.equals(zones.get(rs.getString(1)), rs.getString(2)) ? 1 : 0;
                }
            }
        }
        return known;
    }

    /** Posts the activities in batches from a few senders; each batch is retried until it is accepted. */
    void send(List<Activity> activities) {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            List<List<Activity>> toSend = batches(activities);
            for (List<Activity> batch : toSend) {
                batches.add(senders.submit(() -> {
                    postUntilAccepted(batch);
                    return null;
                }));
                // paced, so that even a small part is still being posted when its fault hits
                Thread.sleep(PART_MILLIS / toSend.size());
            }
            for (Future<?> f : batches) {
                f.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending failed", e);
        } finally {
            senders.shutdownNow();
        }
    }

    /** Batches of up to {@link #BATCH}; a duplicate goes into a later batch, as the API refuses one event twice in a batch. */
    private static List<List<Activity>> batches(List<Activity> activities) {
        List<List<Activity>> batches = new ArrayList<>();
        List<Activity> batch = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (Activity a : activities) {
            if (batch.size() == BATCH || !ids.add(a.id())) {
                batches.add(batch);
                batch = new ArrayList<>();
                ids.clear();
                ids.add(a.id());
            }
            batch.add(a);
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private void postUntilAccepted(List<Activity> batch) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("events", batch.stream().map(Activity::json).toList()));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            long attempt = posts.incrementAndGet();
            String outcome;
            try {
                String url = ingestion.get((int) (attempt % ingestion.size()));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/events"))
                        .header("X-API-Key", eventsKey).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    sent.addAndGet(batch.size());
                    return;
                }
                if (r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429) {
                    throw new AssertionError("a valid batch was refused: " + r.statusCode() + " " + r.body());
                }
                outcome = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                outcome = e.toString(); // the service is down: what a client sees during a restart
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a batch was not accepted within 5 minutes; last answer: " + outcome);
            }
            retries.incrementAndGet();
            Thread.sleep(250);
        }
    }

    private void inject(Fault fault) throws Exception {
        RunningSystem system = RunningSystem.current();
        switch (fault) {
            case KILL_PROFILE -> killAndRestart(system, Service.PROFILE);
            case KILL_ANALYTICS -> killAndRestart(system, Service.ANALYTICS);
            case KILL_ADMIN_STATS -> killAndRestart(system, Service.ADMIN_STATS);
            case RESTART_KAFKA -> infra("kafka");
            case RESTART_POSTGRES -> infra("postgres");
        }
    }

    private static void killAndRestart(RunningSystem system, Service service) throws InterruptedException {
        system.kill(service);
        Thread.sleep(1000); // down for a moment: producers and senders notice
        system.restart(service);
    }

    private static void infra(String what) throws Exception {
        Path log = RunningSystem.root().resolve("infra/system-tests/target/service-logs/restart-" + what + ".log");
        Process p = new ProcessBuilder("bash", RunningSystem.root().resolve("infra/restart.sh").toString(), what)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("infra/restart.sh " + what + " failed; see " + log);
        }
    }

    /** Reads every record of the run from the activity topic and produces it again: a full replay. */
    static long replayTopic(FaultEventSet events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        String prefix = "fault-" + events.run + "-";
        List<ConsumerRecord<String, byte[]>> records = RunningSystem.records(Topics.LEARNING_ACTIVITY, key -> key.startsWith(prefix));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
            }
            producer.flush();
        }
        return records.size();
    }

    /** What was compared, and every difference from the oracle. */
    static final class Comparison {
        final List<String> mismatches = new ArrayList<>();
        long compared;

        void check(String what, Object actual, Object expected) {
            compared++;
            if (!Objects.equals(actual, expected)) {
                mismatches.add(what + ": " + actual + ", expected " + expected);
            }
        }
    }

    Comparison compare(FaultEventSet events, FaultOracle oracle, String organizationId) throws Exception {
        Comparison cmp = new Comparison();
        Map<String, Figures> expected = new LinkedHashMap<>();
        for (Learner l : events.learners) {
            String token = Tokens.token(l.id());
            JsonNode quests = get(Service.ANALYTICS, "/api/xp/quests", token);
            LocalDate today = LocalDate.now(l.zone());
            cmp.check(l.id() + " quests date", quests.get("date").asText(), today.toString());
            List<FaultOracle.Quest> drawn = new ArrayList<>();
            for (JsonNode q : quests.get("quests")) {
                drawn.add(new FaultOracle.Quest(q.get("id").asText(), q.get("category").asText(), q.get("target_value").asInt(),
                        BigDecimal.valueOf(q.get("reward_multiplier").asDouble()), q.get("reward_duration").asInt()));
            }
            Figures f = oracle.figures(l, today, drawn);
            expected.put(l.id(), f);
            for (JsonNode q : quests.get("quests")) {
                String id = q.get("id").asText();
                cmp.check(l.id() + " quest " + q.get("category").asText() + " progress", q.get("current_progress").asInt(), f.questProgress().get(id));
                cmp.check(l.id() + " quest " + q.get("category").asText() + " status", q.get("status").asText(),
                        f.questCompleted().get(id) ? "completed" : "active");
            }

            JsonNode profile = get(Service.PROFILE, "/api/xp/profile", token);
            cmp.check(l.id() + " total_xp", profile.get("total_xp").asLong(), f.totalXp());
            cmp.check(l.id() + " level", profile.get("level").asInt(), f.level());
            cmp.check(l.id() + " current_level_xp", profile.get("current_level_xp").asLong(), f.currentLevelXp());
            cmp.check(l.id() + " xp_needed_for_next_level", profile.get("xp_needed_for_next_level").asLong(), f.xpNeededForNextLevel());
            Map<String, Long> byCategory = new HashMap<>();
            profile.get("xp_by_category").fields().forEachRemaining(e -> byCategory.put(e.getKey(), e.getValue().asLong()));
            byCategory.values().removeIf(v -> v == 0);
            // the profile lists the categories that earned XP: one whose activities all earned 0 is absent on both sides
            Map<String, Long> expectedByCategory = new HashMap<>(f.xpByCategory());
            expectedByCategory.values().removeIf(v -> v == 0);
            cmp.check(l.id() + " xp_by_category", byCategory, expectedByCategory);

            JsonNode streak = get(Service.ANALYTICS, "/api/xp/streak", token);
            cmp.check(l.id() + " current_streak", streak.get("current_streak").asInt(), f.streak().current());
            cmp.check(l.id() + " longest_streak", streak.get("longest_streak").asInt(), f.streak().longest());
            cmp.check(l.id() + " day_only_streak", streak.get("day_only_streak").asInt(), f.streak().dayOnly());
            cmp.check(l.id() + " active_today", streak.get("active_today").asBoolean(), f.streak().activeToday());
            cmp.check(l.id() + " at_risk", streak.get("at_risk").asBoolean(), f.streak().atRisk());

            Map<LocalDate, PulseDay> pulse = new HashMap<>();
            for (JsonNode d : get(Service.ANALYTICS, "/api/xp/learning-pulse", token).get("activity_data")) {
                pulse.put(LocalDate.parse(d.get("date").asText()), new PulseDay(d.get("learning_time").asLong(), d.get("sessions").asInt(),
                        d.get("level").asInt()));
            }
            for (Map.Entry<LocalDate, PulseDay> e : f.pulse().entrySet()) {
                cmp.check(l.id() + " pulse " + e.getKey(), pulse.get(e.getKey()), e.getValue());
            }
        }
        compareRollups(events, expected, cmp);
        compareDashboard(events, expected, organizationId, cmp);
        return cmp;
    }

    /** The per-day read models in each service's own database, row by row, both ways; and the ledger's activity rows. */
    private static void compareRollups(FaultEventSet events, Map<String, Figures> expected, Comparison cmp) throws Exception {
        String like = "fault-" + events.run + "-%";
        Map<String, Map<LocalDate, Day>> analytics = days(Service.ANALYTICS,
                "select user_id, day, learning_seconds, sessions, 0, 0, xp from user_day where user_id like ?", like);
        Map<String, Map<LocalDate, Day>> adminStats = days(Service.ADMIN_STATS,
                "select user_id, day, learning_seconds, sessions, score_sum, score_count, xp from member_day where user_id like ?", like);
        Map<String, long[]> ledger = new HashMap<>();
        try (Connection c = RunningSystem.database(Service.PROFILE); PreparedStatement ps = c.prepareStatement(
                "select user_id, count(*), sum(base_xp) from xp_ledger where kind = 'activity' and user_id like ? group by user_id")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ledger.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        Map<String, Long> recorded = new HashMap<>();
        try (Connection c = RunningSystem.database(Service.ANALYTICS);
                PreparedStatement ps = c.prepareStatement("select user_id, count(*) from activity where user_id like ? group by user_id")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        for (Map.Entry<String, Figures> e : expected.entrySet()) {
            String user = e.getKey();
            Figures f = e.getValue();
            Map<LocalDate, Day> withoutScores = new HashMap<>();
            f.days().forEach((d, day) -> withoutScores.put(d, new Day(day.seconds(), day.sessions(), 0, 0, day.xp())));
            cmp.check(user + " analytics user_day rows", analytics.getOrDefault(user, Map.of()), withoutScores);
            cmp.check(user + " admin-stats member_day rows", adminStats.getOrDefault(user, Map.of()), new HashMap<>(f.days()));
            long[] credited = ledger.getOrDefault(user, new long[2]);
            cmp.check(user + " ledger activity rows", credited[0], f.activities());
            cmp.check(user + " ledger base XP", credited[1], f.baseXp());
            cmp.check(user + " analytics activity rows", recorded.getOrDefault(user, 0L), f.activities());
        }
    }

    private static Map<String, Map<LocalDate, Day>> days(Service service, String sql, String like) throws Exception {
        Map<String, Map<LocalDate, Day>> days = new HashMap<>();
        try (Connection c = RunningSystem.database(service); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getObject(2, LocalDate.class),
                            new Day(rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getInt(6), rs.getLong(7)));
                }
            }
        }
        return days;
    }

    /** The engagement dashboard's KPI cards over a range that holds every day of the run. */
    private void compareDashboard(FaultEventSet events, Map<String, Figures> expected, String organizationId, Comparison cmp)
            throws Exception {
        LocalDate end = LocalDate.now(ZoneOffset.UTC).plusDays(1); // the easternmost zones are a day ahead of UTC
        LocalDate start = end.minusDays(Math.min(ADMIN_MAX_RANGE_DAYS, Integer.getInteger("fault.days", 40) + 5) - 1);
        JsonNode dashboard = get(Service.ADMIN_STATS, "/api/v1/admin/stats/?organization_id=" + organizationId + "&start_date=" + start
                + "&end_date=" + end, Tokens.token("fault-" + events.run + "-owner"));
        Map<String, Double> kpis = new HashMap<>();
        dashboard.get("kpis").forEach(k -> kpis.put(k.get("key").asText(), k.get("value").asDouble()));
        long seconds = 0;
        long sessions = 0;
        long xp = 0;
        long active = 0;
        for (Figures f : expected.values()) {
            boolean wasActive = false;
            for (Map.Entry<LocalDate, Day> d : f.days().entrySet()) {
                if (!d.getKey().isBefore(start) && !d.getKey().isAfter(end)) {
                    seconds += d.getValue().seconds();
                    sessions += d.getValue().sessions();
                    xp += d.getValue().xp();
                    wasActive = true;
                }
            }
            active += wasActive ? 1 : 0;
        }
        cmp.check("dashboard total_members", kpis.get("total_members"), (double) events.learners.size() + 1); // + the owner
        cmp.check("dashboard active_members", kpis.get("active_members"), (double) active);
        cmp.check("dashboard sessions", kpis.get("sessions"), (double) sessions);
        cmp.check("dashboard xp_earned", kpis.get("xp_earned"), (double) xp);
        cmp.check("dashboard learning_hours", kpis.get("learning_hours"), Math.round(seconds / 3600.0 * 10) / 10.0);
    }

    static String report(FaultEventSet events, long seed, List<String> faults, long replayed, Comparison cmp, double seconds) {
        StringBuilder b = new StringBuilder("\n=== fault-injection run ===\n");
        b.append(String.format("learners %d, seed %d, run %s%n", events.learners.size(), seed, events.run));
        b.append(String.format("events: %,d unique, %,d duplicates posted, %,d records replayed from the topic%n", events.uniqueEvents(),
                events.duplicates, replayed));
        b.append(String.format("faults injected: %d%n", faults.size()));
        faults.forEach(f -> b.append("  ").append(f).append('\n'));
        b.append(String.format("values compared with the oracle: %,d%n", cmp.compared));
        b.append(String.format("mismatches: %d%n", cmp.mismatches.size()));
        cmp.mismatches.stream().limit(40).forEach(m -> b.append("  ").append(m).append('\n'));
        b.append(String.format("wall time %.0f s%n", seconds));
        return b.toString();
    }

    HttpRequest.Builder request(Service service, String path, String token) {
        return HttpRequest.newBuilder(URI.create(service.url() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    static HttpRequest.BodyPublisher json(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    String expect(int status, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), request.uri() + ": " + r.body());
        return r.body();
    }

    JsonNode get(Service service, String path, String token) throws Exception {
        return JSON.readTree(expect(200, request(service, path, token).GET().build()));
    }
}
