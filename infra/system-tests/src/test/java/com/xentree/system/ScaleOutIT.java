package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.Topics;
import com.xentree.system.FaultEventSet.Activity;
import com.xentree.system.RunningSystem.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of every service (own ports, the same databases and consumer groups) while the fault
 * run's event set is posted, with duplicates, to both analytics replicas; one replica of each service
 * is killed with SIGKILL mid-run and restarted. Checked: the fault run's oracle (0 mismatches); no
 * {@code xp.awarded.v1} id published twice with different content; each quest completion and
 * achievement announced under one event id; one leaderboard recompute per interval, carried on
 * when its holder is killed; a key revoked through one replica rejected by every replica; the time
 * from each kill until the killed replica's partitions are consumed by the others (at most 10 s).
 *
 * <p>Sizes from system properties ({@code scale.learners}, {@code scale.days}, {@code scale.rounds},
 * {@code scale.seed}); CI runs the small default, {@code infra/scale-run.sh} the long run.
 */
@ExtendWith(SystemExtension.class)
class ScaleOutIT {

    /** The second replica of a service listens here: its first replica's port + 100. */
    static final int REPLICA_PORT_OFFSET = 100;
    static final Duration FAILOVER_LIMIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECOMPUTE = Pattern.compile("job leaderboard-refresh: run (\\d+) by (\\S+), stamped (\\S+)");

    private static final Map<Service, String> PROBES = Map.of(Service.PROFILE, "/api/v1/users/me", Service.ANALYTICS, "/api/xp/streak",
            Service.ADMIN_STATS, "/api/v1/organizations");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Kill(Service service, String member, int groups, double failoverSeconds, double restartSeconds) {
    }

    @Test
    void twoReplicasOfEveryServiceGiveTheOraclesFiguresThroughKillsOfOneReplicaEach() throws Exception {
        int learnerCount = Integer.getInteger("scale.learners", 24);
        int days = Integer.getInteger("scale.days", 40);
        int rounds = Integer.getInteger("scale.rounds", 1);
        long seed = Long.getLong("scale.seed", System.nanoTime());
        Instant started = Instant.now();
        FaultEventSet events = new FaultEventSet(UUID.randomUUID().toString().substring(0, 6), learnerCount, days, 0.10, seed, started);
        FaultOracle oracle = new FaultOracle(events);
        Map<Service, Long> survivorLogStart = logSizes();
        Map<Service, Process> replicas = startSecondReplicas();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafka()))) {
            FaultInjectionIT run = new FaultInjectionIT();
            String organizationId = run.register(events);
            run.eventsKey = CrossServiceIT.issueEventsKey(Tokens.token("fault-" + events.run + "-admin", "admin")).get("key");
            run.ingestion = List.of(Service.ANALYTICS.url(), replicaUrl(Service.ANALYTICS));
            for (Service s : Service.values()) {
                awaitTwoMembersEverywhere(admin, s);
            }

            List<Kill> kills = postWhileKilling(run, events, admin, rounds);
            long replayed = FaultInjectionIT.replayTopic(events);
            FaultInjectionIT.Comparison comparison = settle(run, events, oracle, organizationId);

            List<String> findings = new ArrayList<>();
            int xpConflicts = xpAwardedIdsWithDifferentContent(events, findings);
            int doubleAnnouncements = progressAnnouncedTwice(events, findings);
            Recomputes recomputes = leaderboardRecomputes(started);
            Map<String, Double> revocation = revokeThroughOneReplica(events);
            List<String> stops = survivorsThatStoppedConsumingAGroup(survivorLogStart);
            findings.add("moments a never-killed replica consumed nothing of a group: " + stops.size());
            findings.addAll(stops);

            String report = report(events, seed, kills, replayed, comparison, xpConflicts, doubleAnnouncements, recomputes, revocation,
                    findings, Duration.between(started, Instant.now()));
            System.out.println(report);
            Path out = RunningSystem.root().resolve("infra/system-tests/target/scale-out-run.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);

            assertEquals(List.of(), comparison.mismatches.subList(0, Math.min(40, comparison.mismatches.size())), "mismatches with the oracle");
            assertTrue(comparison.compared > 0);
            assertEquals(0, xpConflicts, "xp.awarded.v1 ids published with different content");
            assertEquals(0, doubleAnnouncements, "quest completions or achievements announced twice");
            assertEquals(List.of(), stops, "a replica stopped consuming while the other was killed or came back");
            assertTrue(recomputes.closestGap.compareTo(RunningSystem.LEADERBOARD_REFRESH) >= 0,
                    "two leaderboard recomputes within one interval: " + recomputes);
            assertTrue(recomputes.widestGap.compareTo(RunningSystem.LEADERBOARD_REFRESH.plusSeconds(10)) <= 0,
                    "the leaderboard recompute stopped for longer than an interval and a lease: " + recomputes);
            assertTrue(revocation.values().stream().allMatch(t -> t >= 0), "a revoked key still works somewhere: " + revocation);
            for (Kill k : kills) {
                assertTrue(k.failoverSeconds >= 0 && k.failoverSeconds <= FAILOVER_LIMIT.toSeconds(), "fail-over too slow: " + k);
            }
        } finally {
            stop(replicas);
        }
    }

    private static final Pattern STOPPED = Pattern.compile("consumer group (\\S+), member (\\S+): (revoked|lost) .*now consuming \\[\\]");

    /** How long each second replica's log is before the run: what it logs during the run comes after. */
    private static Map<Service, Long> logSizes() throws Exception {
        Map<Service, Long> sizes = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            Path log = RunningSystem.log(s, s.port + REPLICA_PORT_OFFSET);
            sizes.put(s, Files.exists(log) ? Files.size(log) : 0L);
        }
        return sizes;
    }

    /**
     * Every moment a second replica (never killed) was left with no partition of a group: with
     * cooperative rebalancing it keeps consuming what does not move while the other replica is
     * dropped or comes back (each topic has more partitions than there are replicas).
     */
    private static List<String> survivorsThatStoppedConsumingAGroup(Map<Service, Long> logStart) throws Exception {
        List<String> stops = new ArrayList<>();
        for (Service s : Service.values()) {
            byte[] log = Files.readAllBytes(RunningSystem.log(s, s.port + REPLICA_PORT_OFFSET));
            String during = new String(log, (int) Math.min(log.length, logStart.get(s)), (int) Math.max(0, log.length - logStart.get(s)),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String line : during.split("\n")) {
                Matcher m = STOPPED.matcher(line);
                if (m.find()) {
                    stops.add(m.group(2) + " stopped consuming " + m.group(1) + " (" + m.group(3) + " everything)");
                }
            }
        }
        return stops;
    }

    static String replicaUrl(Service s) {
        return "http://127.0.0.1:" + (s.port + REPLICA_PORT_OFFSET);
    }

    private static Map<Service, Process> startSecondReplicas() throws Exception {
        Map<Service, CompletableFuture<Process>> starting = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            starting.put(s, CompletableFuture.supplyAsync(() -> RunningSystem.startReplica(s, s.port + REPLICA_PORT_OFFSET)));
        }
        Map<Service, Process> replicas = new EnumMap<>(Service.class);
        for (Map.Entry<Service, CompletableFuture<Process>> e : starting.entrySet()) {
            replicas.put(e.getKey(), e.getValue().get(5, TimeUnit.MINUTES));
        }
        return replicas;
    }

    private static void stop(Map<Service, Process> replicas) throws InterruptedException {
        replicas.values().forEach(Process::destroy);
        for (Process p : replicas.values()) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Posts the event set in parts; while each part but the last is posted, the first replica of one service is killed and restarted. */
    private List<Kill> postWhileKilling(FaultInjectionIT run, FaultEventSet events, Admin admin, int rounds) throws Exception {
        List<Service> plan = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            plan.addAll(List.of(Service.values()));
        }
        List<Kill> kills = new ArrayList<>();
        run.postInParts(events, plan, service -> kills.add(killAndRestart(admin, service)));
        return kills;
    }

    /** SIGKILL of the service's first replica; how long until the others consume its partitions; then its restart. */
    private static Kill killAndRestart(Admin admin, Service service) throws Exception {
        String member = RunningSystem.instanceId(service, service.port);
        awaitTwoMembersEverywhere(admin, service); // the previous kill's restart may still be rebalancing
        Map<String, Set<TopicPartition>> partitions = partitionsOfGroupsWith(admin, service, member);
        long killed = System.nanoTime();
        RunningSystem.current().kill(service);
        double failover = awaitTakenOver(admin, partitions, member, killed);
        long restarting = System.nanoTime();
        RunningSystem.current().restart(service);
        return new Kill(service, member, partitions.size(), failover, (System.nanoTime() - restarting) / 1e9);
    }

    /** Whether the group member is one of the replica's consumers (static ids {@code <replica>-<i>}, or the replica's own with one consumer per group). */
    private static boolean isConsumerOf(String replica, MemberDescription member) {
        String id = member.groupInstanceId().orElse("");
        return id.equals(replica) || id.startsWith(replica + "-") && id.substring(replica.length() + 1).chars().allMatch(Character::isDigit);
    }

    /** The service's consumer groups this member belongs to, each with all the partitions its members consume. */
    private static Map<String, Set<TopicPartition>> partitionsOfGroupsWith(Admin admin, Service service, String member) throws Exception {
        Map<String, Set<TopicPartition>> groups = new TreeMap<>();
        for (ConsumerGroupDescription g : describe(admin, groupsOf(admin, service))) {
            if (g.members().stream().anyMatch(m -> isConsumerOf(member, m))) {
                Set<TopicPartition> all = new HashSet<>();
                g.members().forEach(m -> all.addAll(m.assignment().topicPartitions()));
                groups.put(g.groupId(), all);
            }
        }
        if (groups.isEmpty()) {
            throw new AssertionError(member + " is in no consumer group");
        }
        return groups;
    }

    /** Seconds from the kill until every partition of those groups is consumed by a live member (-1: not within 60 s). */
    private static double awaitTakenOver(Admin admin, Map<String, Set<TopicPartition>> partitions, String killed, long killedAt)
            throws Exception {
        while (System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos()) {
            boolean all = true;
            for (ConsumerGroupDescription g : describe(admin, partitions.keySet())) {
                Set<TopicPartition> consumed = new HashSet<>();
                boolean killedStillMember = false;
                for (MemberDescription m : g.members()) {
                    killedStillMember |= isConsumerOf(killed, m);
                    consumed.addAll(m.assignment().topicPartitions());
                }
                all &= g.groupState() == GroupState.STABLE && !killedStillMember && consumed.containsAll(partitions.get(g.groupId()));
            }
            if (all) {
                return (System.nanoTime() - killedAt) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static Set<String> groupsOf(Admin admin, Service service) throws Exception {
        Set<String> groups = new HashSet<>();
        for (GroupListing g : admin.listGroups().all().get()) {
            if (g.groupId().startsWith(service.dir + "-it.")) {
                groups.add(g.groupId());
            }
        }
        return groups;
    }

    private static List<ConsumerGroupDescription> describe(Admin admin, Set<String> groups) throws Exception {
        return new ArrayList<>(admin.describeConsumerGroups(groups).all().get().values());
    }

    /** Both replicas of the service are members of each of its (live) consumer groups, and the groups are stable. */
    private static void awaitTwoMembersEverywhere(Admin admin, Service service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> members = Set.of(RunningSystem.instanceId(service, service.port),
                RunningSystem.instanceId(service, service.port + REPLICA_PORT_OFFSET));
        while (true) {
            boolean ready = true;
            int live = 0;
            for (ConsumerGroupDescription g : describe(admin, groupsOf(admin, service))) {
                if (g.members().isEmpty()) {
                    continue; // a group of an earlier run's handler set
                }
                live++;
                boolean both = members.stream().allMatch(r -> g.members().stream().anyMatch(m -> isConsumerOf(r, m)));
                ready &= g.groupState() == GroupState.STABLE && both;
            }
            if (ready && live > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the two replicas of " + service.dir + " did not both join its consumer groups within 90 s");
            }
            Thread.sleep(250);
        }
    }

    private static FaultInjectionIT.Comparison settle(FaultInjectionIT run, FaultEventSet events, FaultOracle oracle, String organizationId)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(Integer.getInteger("scale.settle-minutes", 4)).toNanos();
        FaultInjectionIT.Comparison last = run.compare(events, oracle, organizationId);
        while (!last.mismatches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            last = run.compare(events, oracle, organizationId);
        }
        if (last.mismatches.isEmpty()) {
            Thread.sleep(3000);
            last = run.compare(events, oracle, organizationId);
        }
        return last;
    }

    /** Event ids of xp.awarded.v1 that were published more than once with different content (a re-send must be identical). */
    private static int xpAwardedIdsWithDifferentContent(FaultEventSet events, List<String> findings) throws Exception {
        Map<String, Set<JsonNode>> contents = contentsById(Topics.XP_AWARDED, events);
        int conflicts = 0;
        for (Map.Entry<String, Set<JsonNode>> e : contents.entrySet()) {
            if (e.getValue().size() > 1) {
                conflicts++;
                findings.add("xp.awarded.v1 " + e.getKey() + " published with " + e.getValue().size() + " different contents");
            }
        }
        findings.add(String.format("xp.awarded.v1: %,d ids of the run", contents.size()));
        return conflicts;
    }

    /** Quest completions and achievements announced under more than one event id, or one id with different contents. */
    private static int progressAnnouncedTwice(FaultEventSet events, List<String> findings) throws Exception {
        Map<String, Set<JsonNode>> contents = contentsById(Topics.ANALYTICS_PROGRESS, events);
        Map<String, Set<String>> idsByFact = new HashMap<>();
        int twice = 0;
        for (Map.Entry<String, Set<JsonNode>> e : contents.entrySet()) {
            JsonNode event = e.getValue().iterator().next();
            String type = event.path("type").asText();
            String fact = switch (type) {
                case "quest_completed" -> event.path("quest_id").asText();
                case "achievement_unlocked" -> event.path("user_id").asText() + " " + event.path("achievement_id").asText();
                default -> null;
            };
            if (fact == null) {
                continue;
            }
            idsByFact.computeIfAbsent(type + " " + fact, k -> new HashSet<>()).add(e.getKey());
            if (e.getValue().size() > 1) {
                twice++;
                findings.add(type + " " + e.getKey() + " published with different contents");
            }
        }
        for (Map.Entry<String, Set<String>> e : idsByFact.entrySet()) {
            if (e.getValue().size() > 1) {
                twice++;
                findings.add(e.getKey() + " announced under " + e.getValue().size() + " event ids");
            }
        }
        findings.add(String.format("analytics.progress.v1: %,d quest completions and achievements of the run", idsByFact.size()));
        return twice;
    }

    private static Map<String, Set<JsonNode>> contentsById(String topic, FaultEventSet events) throws Exception {
        String prefix = "fault-" + events.run + "-";
        Map<String, Set<JsonNode>> contents = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : RunningSystem.records(topic, key -> key.startsWith(prefix))) {
            JsonNode event = JSON.readTree(r.value());
            contents.computeIfAbsent(event.path("event_id").asText(), k -> new HashSet<>()).add(event);
        }
        return contents;
    }

    record Recomputes(int runs, Set<String> replicas, Duration closestGap, Duration widestGap) {
    }

    /** The leaderboard recomputes since the start, from both analytics replicas' logs: who ran them, and how far apart. */
    private static Recomputes leaderboardRecomputes(Instant since) throws Exception {
        TreeMap<Long, Instant> runs = new TreeMap<>();
        Set<String> replicas = new HashSet<>();
        for (int port : List.of(Service.ANALYTICS.port, Service.ANALYTICS.port + REPLICA_PORT_OFFSET)) {
            for (String line : Files.readAllLines(RunningSystem.log(Service.ANALYTICS, port))) {
                Matcher m = RECOMPUTE.matcher(line);
                if (m.find() && Instant.parse(m.group(3)).isAfter(since)) {
                    if (runs.put(Long.parseLong(m.group(1)), Instant.parse(m.group(3))) != null) {
                        throw new AssertionError("leaderboard recompute " + m.group(1) + " ran twice");
                    }
                    replicas.add(m.group(2));
                }
            }
        }
        List<Instant> stamps = new ArrayList<>(runs.values());
        stamps.sort(null);
        Duration closest = Duration.ofDays(1);
        Duration widest = Duration.ZERO;
        for (int i = 1; i < stamps.size(); i++) {
            Duration gap = Duration.between(stamps.get(i - 1), stamps.get(i));
            closest = gap.compareTo(closest) < 0 ? gap : closest;
            widest = gap.compareTo(widest) > 0 ? gap : widest;
        }
        if (stamps.size() < 2) {
            throw new AssertionError("fewer than two leaderboard recomputes during the run");
        }
        return new Recomputes(stamps.size(), replicas, closest, widest);
    }

    /**
     * A key issued through one replica of profile-service, honoured by all six replicas, revoked
     * through the other; seconds until each replica rejects it (-1: still accepted after 30 s).
     */
    private Map<String, Double> revokeThroughOneReplica(FaultEventSet events) throws Exception {
        String admin = Tokens.token("fault-" + events.run + "-admin", "admin");
        JsonNode issued = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(Service.PROFILE.url() + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"scale-out\",\"scopes\":[\"events:write\"]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String key = issued.get("key").asText();
        Set<String> everywhere = new TreeSet<>();
        for (Service s : Service.values()) {
            everywhere.add(s.url());
            everywhere.add(replicaUrl(s));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (everywhere.stream().anyMatch(url -> !accepted(url, key))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a new key was not honoured by every replica within 30 s");
            }
            Thread.sleep(100);
        }
        int status = http.send(HttpRequest.newBuilder(URI.create(replicaUrl(Service.PROFILE) + "/api/v1/api-keys/" + issued.get("id").asText()))
                .header("Authorization", "Bearer " + admin).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(204, status);
        long revoked = System.nanoTime();
        Map<String, Double> rejectedAfter = new TreeMap<>();
        while (rejectedAfter.size() < everywhere.size() && System.nanoTime() - revoked < Duration.ofSeconds(30).toNanos()) {
            for (String url : everywhere) {
                if (!rejectedAfter.containsKey(url) && rejects(url, key)) {
                    rejectedAfter.put(url, (System.nanoTime() - revoked) / 1e9);
                }
            }
            Thread.sleep(20);
        }
        everywhere.forEach(url -> rejectedAfter.putIfAbsent(url, -1.0));
        return rejectedAfter;
    }

    private boolean accepted(String url, String key) {
        int status = status(url, key);
        return status / 100 == 2;
    }

    private boolean rejects(String url, String key) {
        return status(url, key) == 401;
    }

    /** A GET on the replica at {@code url} with the key: of each service, an endpoint that a key acting as its owner may call. */
    private int status(String url, String key) {
        String path = PROBES.entrySet().stream().filter(e -> url.endsWith(":" + e.getKey().port)
                || url.endsWith(":" + (e.getKey().port + REPLICA_PORT_OFFSET))).findFirst().orElseThrow().getValue();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("X-API-Key", key).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String report(FaultEventSet events, long seed, List<Kill> kills, long replayed, FaultInjectionIT.Comparison cmp,
            int xpConflicts, int twice, Recomputes recomputes, Map<String, Double> revocation, List<String> findings, Duration wall)
            throws Exception {
        StringBuilder b = new StringBuilder("\n=== scale-out run: two replicas of every service ===\n");
        b.append(String.format("learners %d, seed %d, run %s%n", events.learners.size(), seed, events.run));
        b.append(String.format("events: %,d unique, %,d duplicates posted (to both analytics replicas), %,d records replayed%n",
                events.uniqueEvents(), events.duplicates, replayed));
        b.append(String.format("kills (SIGKILL of one replica, then a restart): %d%n", kills.size()));
        for (Kill k : kills) {
            b.append(String.format("  %s: its partitions in %d consumer groups consumed by the other replica %.1f s after the kill"
                    + " (limit %d s); restarted and ready in %.1f s%n", k.member, k.groups, k.failoverSeconds, FAILOVER_LIMIT.toSeconds(),
                    k.restartSeconds));
        }
        b.append(String.format("values compared with the oracle: %,d%nmismatches: %d%n", cmp.compared, cmp.mismatches.size()));
        cmp.mismatches.stream().limit(40).forEach(m -> b.append("  ").append(m).append('\n'));
        b.append(String.format("xp.awarded.v1 ids published with different content: %d%n", xpConflicts));
        b.append(String.format("quest completions / achievements announced twice: %d%n", twice));
        findings.forEach(f -> b.append("  ").append(f).append('\n'));
        b.append(String.format("leaderboard recomputes: %d, by %s; interval %d s; closest two %.1f s apart, widest %.1f s%n", recomputes.runs,
                new TreeSet<>(recomputes.replicas), RunningSystem.LEADERBOARD_REFRESH.toSeconds(),
                recomputes.closestGap.toMillis() / 1e3, recomputes.widestGap.toMillis() / 1e3));
        b.append(String.format("leaderboard_entry: %s%n", deadRows()));
        b.append("key revoked through ").append(replicaUrl(Service.PROFILE)).append(", rejected after (s):\n");
        revocation.forEach((url, s) -> b.append(String.format("  %s %.2f%n", url, s)));
        b.append(String.format("wall time %d s%n", wall.toSeconds()));
        return b.toString();
    }

    /** Live and dead rows of the table the recompute rewrites (the server may run without autovacuum). */
    private static String deadRows() throws Exception {
        try (Connection c = RunningSystem.database(Service.ANALYTICS); ResultSet rs = c.createStatement().executeQuery(
                "select n_live_tup, n_dead_tup from pg_stat_user_tables where relname = 'leaderboard_entry'")) {
            return rs.next() ? String.format("%,d live rows, %,d dead rows (statistics)", rs.getLong(1), rs.getLong(2)) : "no statistics";
        }
    }
}
