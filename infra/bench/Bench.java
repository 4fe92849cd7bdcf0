import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;

/**
 * The phases of infra/bench.sh that talk to the services, PostgreSQL and Kafka; each appends its
 * figures to {@code <results>/metrics.properties}, and {@code report} turns them into the table.
 *   java -cp CLASSES:LIB/* Bench PHASE [--option value ...]
 * Phases: copy, setup, ingest, dashboard, tokens, report. Options come from infra/bench.sh.
 */
public class Bench {

    /** The bare table of the COPY reference (no key, no index): the write limit of this machine. */
    static final String RAW_TABLE = "bench.raw_activity";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Map<String, String> opts;
    final Path results;

    Bench(Map<String, String> opts) {
        this.opts = opts;
        this.results = Path.of(opt("results"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Bench bench = new Bench(opts);
        switch (args[0]) {
            case "copy" -> bench.copy();
            case "setup" -> bench.setup();
            case "ingest" -> bench.ingest();
            case "settle" -> bench.settle();
            case "dashboard" -> bench.dashboard();
            case "tokens" -> bench.tokens();
            case "report" -> bench.report();
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
    }

    // ---------------------------------------------------------------- options, metrics, connections

    String opt(String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int intOpt(String name) {
        return Integer.parseInt(opt(name));
    }

    List<Workload.Event> events(String namespace, int count) {
        return Workload.generate(count, intOpt("members"), intOpt("days"), Long.parseLong(opt("seed")),
                Instant.ofEpochSecond(Long.parseLong(opt("now"))), namespace);
    }

    void metric(String key, Object value) throws IOException {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        Files.writeString(results.resolve("metrics.properties"), key + "=" + v + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.err.printf("  %-40s %s%n", key, v);
    }

    Properties metrics() throws IOException {
        Properties p = new Properties();
        Path f = results.resolve("metrics.properties");
        if (Files.exists(f)) {
            p.load(new StringReader(Files.readString(f)));
        }
        return p;
    }

    Connection db(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + opt("db-host") + ":" + opt("db-port") + "/" + opt("db-" + service),
                opt("db-user"), "");
    }

    String token(String sub, String groups) throws Exception {
        Map<String, String> claims = new HashMap<>(Map.of("keys", opt("keys"), "sub", sub, "username", sub.replace('-', '_'),
                "ttl", "86400"));
        if (groups != null) {
            claims.put("groups", groups);
        }
        return MintToken.token(claims, List.of());
    }

    static HttpResponse<String> call(String method, String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return r.body();
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    // ---------------------------------------------------------------- 1. the COPY reference

    /** COPY of the same events into one bare table, in one transaction: what this machine's PostgreSQL can write. */
    void copy() throws Exception {
        List<Workload.Event> events = events("main", intOpt("events"));
        StringBuilder text = new StringBuilder(events.size() * 150);
        events.forEach(e -> e.copyLine(text));
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = db("admin-stats"); Statement s = c.createStatement()) {
            s.execute("create schema if not exists bench");
            s.execute("drop table if exists " + RAW_TABLE);
            s.execute("""
                    create table %s (event_id uuid, user_id text, occurred_at timestamptz, time_zone text, activity_type text,
                                     source text, category text, duration_seconds bigint, xp integer, score integer)""".formatted(RAW_TABLE));
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + RAW_TABLE + " from stdin", new java.io.ByteArrayInputStream(bytes));
            c.commit();
            double took = seconds(start);
            metric("copy.events", rows);
            metric("copy.seconds", took);
            metric("copy.rate", rows / took);
            c.setAutoCommit(true);
            s.execute("analyze " + RAW_TABLE);
        }
    }

    // ---------------------------------------------------------------- setup: API key, organization, members

    /** An events:write API key (as a platform service holds) and one organization with every generated learner as a member. */
    void setup() throws Exception {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + token("bench-admin", "admin"));
        String keyBody = expect(call("POST", opt("profile") + "/api/v1/api-keys", admin,
                "{\"name\":\"benchmark\",\"scopes\":[\"events:write\"]}"), 201);
        String apiKey = field(keyBody, "key");
        // the key reaches analytics-service through auth.api-keys.v1 within a poll interval
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = call("POST", opt("analytics") + "/api/v1/events", Map.of("X-API-Key", apiKey), "{\"events\":[]}");
            if (r.statusCode() == 422) {
                break;
            }
            Thread.sleep(200);
        }
        Files.writeString(Path.of(opt("state")), "api_key=" + apiKey + "\n");

        int members = intOpt("members");
        long start = System.nanoTime();
        String org = field(expect(call("POST", opt("admin-stats") + "/api/v1/organizations", admin,
                "{\"name\":\"Benchmark Academy\",\"description\":\"" + members + " generated learners\"}"), 201), "id");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int u = next.getAndIncrement(); u < members; u = next.getAndIncrement()) {
                    expect(call("POST", opt("admin-stats") + "/api/v1/organizations/" + org + "/members", admin,
                            "{\"user_id\":\"" + Workload.userId(u) + "\",\"role\":\"member\"}"), 201);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Files.writeString(Path.of(opt("state")), "org_id=" + org + "\n", StandardOpenOption.APPEND);
        metric("setup.members", members);
        metric("setup.members_seconds", seconds(start));
    }

    Properties state() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(Path.of(opt("state")))));
        return p;
    }

    // ---------------------------------------------------------------- 2. ingest end to end

    record Counts(long analytics, long profile, long adminStats) {
    }

    /** Each service's own count of applied activities: analytics' facts, profile's activity credits, admin-stats' sessions. */
    Counts counts(Connection analytics, Connection profile, Connection adminStats) throws SQLException {
        return new Counts(scalar(analytics, "select count(*) from activity"),
                scalar(profile, "select count(*) from xp_ledger where kind = 'activity'"),
                scalar(adminStats, "select coalesce(sum(sessions), 0) from member_day"));
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Records not yet consumed, by consumer group and topic, over every group on the benchmark's
     * broker. A group reads the topic its name ends with ({@code <service>.<topic>}) or the topics it
     * has committed offsets on; every partition of those topics counts, also one without a commit yet.
     */
    static Map<String, Map<String, Long>> consumerLag(Admin kafka) throws Exception {
        Map<String, Map<String, Long>> lag = new TreeMap<>();
        Collection<GroupListing> groups = kafka.listGroups(ListGroupsOptions.forConsumerGroups()).all().get();
        Set<String> topics = kafka.listTopics().names().get();
        for (GroupListing g : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Set<String> read = new java.util.TreeSet<>();
            committed.keySet().forEach(tp -> read.add(tp.topic()));
            String named = g.groupId().substring(g.groupId().indexOf('.') + 1);
            if (topics.contains(named)) {
                read.add(named);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            kafka.describeTopics(read).allTopicNames().get().forEach((topic, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<String, Long> byTopic = new TreeMap<>();
            for (var e : kafka.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(e.getKey());
                byTopic.merge(e.getKey().topic(), Math.max(0, e.getValue().offset() - (done == null ? 0 : done.offset())), Long::sum);
            }
            lag.put(g.groupId(), byTopic);
        }
        return lag;
    }

    /** Records of learning.activity.v1 that the service has not applied yet (-1: it has no group reading it yet). */
    static long activityLag(Map<String, Map<String, Long>> lag, String service) {
        return lag.entrySet().stream().filter(g -> g.getKey().startsWith(service + ".") && g.getValue().containsKey(ACTIVITY_TOPIC))
                .mapToLong(g -> g.getValue().get(ACTIVITY_TOPIC)).findFirst().orElse(-1L);
    }

    static long totalLag(Map<String, Map<String, Long>> lag) {
        return lag.values().stream().flatMap(t -> t.values().stream()).mapToLong(Long::longValue).sum();
    }

    static final String ACTIVITY_TOPIC = "learning.activity.v1";
    static final List<String> SERVICES = List.of("analytics-service", "profile-service", "admin-stats-service");

    /**
     * Posts the events in batches with several connections, then waits until every service applied
     * every one and the system is quiet: the three counts match, every consumer group's lag is 0 and
     * every outbox is published (xp.awarded.v1 and analytics.progress.v1 caused by the events included).
     */
    void ingest() throws Exception {
        String phase = opt("phase");
        List<Workload.Event> events = events(phase, intOpt("events"));
        int batchSize = intOpt("batch");
        int concurrency = intOpt("concurrency");
        String apiKey = state().getProperty("api_key");
        Map<String, String> headers = Map.of("X-API-Key", apiKey);
        try (Connection analytics = db("analytics"); Connection profile = db("profile"); Connection adminStats = db("admin-stats");
             Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, opt("kafka")))) {
            Counts before = counts(analytics, profile, adminStats);
            long expected = events.size();
            int batches = (events.size() + batchSize - 1) / batchSize;
            AtomicInteger next = new AtomicInteger();
            AtomicInteger posted = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            System.err.printf("[bench] %s: posting %d events in %d batches of %d over %d connections%n", phase, events.size(), batches,
                    batchSize, concurrency);
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        StringBuilder body = new StringBuilder(batchSize * 260).append("{\"events\":[");
                        for (int i = b * batchSize; i < Math.min(events.size(), (b + 1) * batchSize); i++) {
                            body.append(i == b * batchSize ? "" : ",").append(events.get(i).json());
                        }
                        String json = body.append("]}").toString();
                        for (int attempt = 0; ; attempt++) {
                            HttpResponse<String> r = call("POST", opt("analytics") + "/api/v1/events", headers, json);
                            if (r.statusCode() == 202) {
                                break;
                            }
                            if (r.statusCode() == 503 && attempt < 20) { // Kafka busy: the documented answer is to send it again
                                retries.incrementAndGet();
                                Thread.sleep(500);
                                continue;
                            }
                            expect(r, 202);
                        }
                        posted.addAndGet(Math.min(batchSize, events.size() - b * batchSize));
                    }
                    return null;
                }));
            }
            // Progress and the per-service clocks come from the broker (committed offsets), which costs the
            // databases nothing while they are measured; a service commits offsets only after its
            // transaction, so lag 0 on learning.activity.v1 once all is posted means it applied every event.
            // The counts in the databases are read once the broker says the system is quiet, and must match.
            Map<String, Double> appliedAt = new TreeMap<>();
            double postedAt = -1;
            double settledAt = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "1800"))).toNanos();
            long lastPrint = 0;
            Counts applied = null;
            while (System.nanoTime() < deadline) {
                if (postedAt < 0 && workers.stream().allMatch(Future::isDone)) {
                    for (Future<?> w : workers) {
                        w.get(); // a failed post ends the benchmark here, with its answer
                    }
                    postedAt = seconds(start);
                }
                Map<String, Map<String, Long>> lag = consumerLag(kafka);
                double t = seconds(start);
                long outbox = -1;
                if (postedAt >= 0) {
                    for (String service : SERVICES) {
                        if (activityLag(lag, service) == 0) {
                            appliedAt.putIfAbsent(service, t);
                        }
                    }
                    long total = totalLag(lag);
                    if (appliedAt.size() == SERVICES.size() && total == 0) {
                        outbox = scalar(analytics, "select count(*) from outbox_event")
                                + scalar(profile, "select count(*) from outbox_event")
                                + scalar(adminStats, "select count(*) from outbox_event");
                        if (outbox == 0) {
                            Counts now = counts(analytics, profile, adminStats);
                            applied = new Counts(now.analytics() - before.analytics(), now.profile() - before.profile(),
                                    now.adminStats() - before.adminStats());
                            if (applied.analytics() >= expected && applied.profile() >= expected && applied.adminStats() >= expected) {
                                settledAt = t;
                                break;
                            }
                        }
                    }
                }
                if (System.nanoTime() - lastPrint > 5e9) {
                    lastPrint = System.nanoTime();
                    System.err.printf("[bench] %5.0f s  posted %d/%d  activity lag: analytics %d, profile %d, admin-stats %d  all groups %d%s%n",
                            t, posted.get(), expected, activityLag(lag, "analytics-service"), activityLag(lag, "profile-service"),
                            activityLag(lag, "admin-stats-service"), totalLag(lag),
                            outbox < 0 ? "" : ", unpublished outbox " + outbox + (applied == null ? "" : ", applied " + applied));
                }
                Thread.sleep(250);
            }
            pool.shutdownNow();
            metric(phase + ".events", expected);
            metric(phase + ".post_seconds", postedAt);
            metric(phase + ".post_retries", retries.get());
            for (var e : appliedAt.entrySet()) {
                metric(phase + ".applied_seconds." + e.getKey(), e.getValue());
            }
            if (settledAt < 0) {
                Counts now = counts(analytics, profile, adminStats);
                throw new IllegalStateException(phase + ": not settled before the timeout; counts " + now + " before " + before
                        + ", expected +" + expected);
            }
            metric(phase + ".settled_seconds", settledAt);
            metric(phase + ".rate", expected / settledAt);
            // this process's whole life lies between infra/bench.sh's CPU snapshots: generating, posting, watching the lag
            metric(phase + ".load_generator_cpu_ms", ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis());
        }
    }

    // ---------------------------------------------------------------- between ingest and reads: settle the databases

    /**
     * What autovacuum would have done after the load, done now and timed, so that dashboards and reads
     * are measured on settled tables (visibility maps for index-only scans, planner statistics) even
     * where the server runs with autovacuum off, as this machine's CI configuration does.
     */
    void settle() throws Exception {
        long start = System.nanoTime();
        String autovacuum = "";
        for (String service : List.of("profile", "analytics", "admin-stats")) {
            try (Connection c = db(service); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("show autovacuum")) {
                    rs.next();
                    autovacuum = rs.getString(1);
                }
                s.execute("vacuum (analyze)");
            }
        }
        metric("settle.autovacuum", autovacuum);
        metric("settle.vacuum_analyze_seconds", seconds(start));
    }

    // ---------------------------------------------------------------- 3. admin dashboard against raw events

    /** The KPI cards of the engagement dashboard, computed from the raw events of the COPY table (what the rollups avoid). */
    static final String RAW_KPIS = """
            with m as (select user_id, joined_at from membership where organization_id = ?),
                 ev as (select r.user_id, (r.occurred_at at time zone r.time_zone)::date as day, r.duration_seconds,
                               coalesce(r.xp, r.duration_seconds / 60) as xp
                          from %s r join m on m.user_id = r.user_id)
            select (select count(*) from m where joined_at::date <= ?::date),
                   count(distinct user_id) filter (where day between ?::date and ?::date),
                   coalesce(sum(duration_seconds) filter (where day between ?::date and ?::date), 0),
                   count(*) filter (where day between ?::date and ?::date),
                   coalesce(sum(xp) filter (where day between ?::date and ?::date), 0),
                   (select count(*) from m where joined_at::date <= ?::date),
                   count(distinct user_id) filter (where day between ?::date and ?::date),
                   coalesce(sum(duration_seconds) filter (where day between ?::date and ?::date), 0),
                   count(*) filter (where day between ?::date and ?::date),
                   coalesce(sum(xp) filter (where day between ?::date and ?::date), 0)
              from ev""".formatted(RAW_TABLE);

    /** Members, active members, learning seconds, sessions and base XP of the range, then of the previous range. */
    static long[] rawKpis(Connection c, java.util.UUID org, LocalDate start, LocalDate end) throws SQLException {
        long days = java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1;
        LocalDate ps = start.minusDays(days), pe = start.minusDays(1);
        try (PreparedStatement q = c.prepareStatement(RAW_KPIS)) {
            int i = 1;
            q.setObject(i++, org);
            for (LocalDate[] r : new LocalDate[][] {{start, end}, {ps, pe}}) {
                q.setObject(i++, r[1]);
                for (int k = 0; k < 4; k++) {
                    q.setObject(i++, r[0]);
                    q.setObject(i++, r[1]);
                }
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long[] v = new long[10];
                for (int k = 0; k < 10; k++) {
                    v[k] = rs.getLong(k + 1);
                }
                return v;
            }
        }
    }

    static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    static double kpi(String body, String key) {
        Matcher m = Pattern.compile("\"key\":\"" + key + "\",\"label\":\"[^\"]*\",\"value\":([-0-9.E]+)").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * GET /api/v1/admin/stats/ for the 30 and 365 days ending today, one request at a time (as an
     * admin opening the page), against the same KPI cards computed from the raw events by SQL in the
     * same database; the KPI values of both are compared.
     */
    void dashboard() throws Exception {
        java.util.UUID org = java.util.UUID.fromString(state().getProperty("org_id"));
        Map<String, String> admin = Map.of("Authorization", "Bearer " + token("bench-admin", null));
        LocalDate end = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = db("admin-stats")) {
            for (int days : new int[] {30, 365}) {
                LocalDate start = end.minusDays(days - 1);
                String url = opt("admin-stats") + "/api/v1/admin/stats/?organization_id=" + org + "&start_date=" + start + "&end_date=" + end;
                int runs = intOpt("runs" + days);
                String body = null;
                List<Double> api = new ArrayList<>();
                long bytes = 0;
                for (int i = -5; i < runs; i++) { // five warm-up requests: the steady state, not the JIT compiling the paths
                    long t = System.nanoTime();
                    body = expect(call("GET", url, admin, null), 200);
                    if (i >= 0) {
                        api.add(seconds(t) * 1000);
                    }
                    bytes = body.length();
                }
                List<Double> raw = new ArrayList<>();
                long[] rawValues = null;
                for (int i = -1; i < intOpt("raw-runs"); i++) { // one warm-up query
                    long t = System.nanoTime();
                    rawValues = rawKpis(c, org, start, end);
                    if (i >= 0) {
                        raw.add(seconds(t) * 1000);
                    }
                }
                List<Double> recomputed = afterAChange(c, org, url, admin, runs);
                String k0 = "dashboard." + days + "d.";
                metric(k0 + "request_ms", api.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()); // in order: warm-up shows
                metric(k0 + "recomputed_p50_ms", percentile(recomputed, 50));
                metric(k0 + "recomputed_p95_ms", percentile(recomputed, 95));
                api.sort(null);
                raw.sort(null);
                if (opts.containsKey("save-bodies")) { // infra/bench/dashboard.sh: to compare the answers of two builds
                    Files.writeString(Path.of(opt("save-bodies"), "dashboard-" + days + "d.json"), body);
                }
                String k = "dashboard." + days + "d.";
                metric(k + "requests", api.size());
                metric(k + "response_bytes", bytes);
                metric(k + "p50_ms", percentile(api, 50));
                metric(k + "p95_ms", percentile(api, 95));
                metric(k + "raw_runs", raw.size());
                metric(k + "raw_p50_ms", percentile(raw, 50));
                metric(k + "raw_p95_ms", percentile(raw, 95));
                // the same figures both ways (XP differs where quest boosts or the daily cap changed what was granted)
                double activeApi = kpi(body, "active_members"), sessionsApi = kpi(body, "sessions"), hoursApi = kpi(body, "learning_hours");
                boolean same = activeApi == rawValues[1] && sessionsApi == rawValues[3]
                        && Math.abs(hoursApi - Math.round(rawValues[2] / 360.0) / 10.0) < 0.051;
                metric(k + "kpis_match_raw", same);
                metric(k + "kpis_api", "members=" + kpi(body, "total_members") + " active=" + activeApi + " sessions=" + sessionsApi
                        + " hours=" + hoursApi + " xp=" + kpi(body, "xp_earned"));
                metric(k + "kpis_raw", "members=" + rawValues[0] + " active=" + rawValues[1] + " sessions=" + rawValues[3] + " hours="
                        + Math.round(rawValues[2] / 360.0) / 10.0 + " base_xp=" + rawValues[4]);
            }
        }
    }

    /**
     * The same request with one member's day changed before each (as a consumer's write would): the
     * answer held in memory is dropped and the dashboard computed afresh, what an admin sees while
     * learners learn. One warm-up.
     */
    private List<Double> afterAChange(Connection c, java.util.UUID org, String url, Map<String, String> admin, int runs) throws Exception {
        String member = null;
        try (PreparedStatement ps = c.prepareStatement(
                "select user_id from membership where organization_id = ? and role = 'member' order by user_id limit 1")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                member = rs.next() ? rs.getString(1) : null;
            }
        }
        List<Double> times = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into member_day (user_id, day, learning_seconds, sessions) values (?, current_date - 800, 0, 0)
                    on conflict (user_id, day) do update set learning_seconds = member_day.learning_seconds""")) {
                ps.setString(1, member); // a day before both ranges: the figures stay those of the raw events
                ps.executeUpdate();
            }
            long t = System.nanoTime();
            expect(call("GET", url, admin, null), 200);
            if (i >= 0) {
                times.add(seconds(t) * 1000);
            }
        }
        times.sort(null);
        return times;
    }

    // ---------------------------------------------------------------- 4. tokens for wrk

    /** Bearer tokens of the first {@code count} generated learners, one per line, for the rotating wrk script. */
    void tokens() throws Exception {
        int count = Math.min(intOpt("count"), intOpt("members"));
        StringBuilder s = new StringBuilder();
        for (int u = 0; u < count; u++) {
            s.append(token(Workload.userId(u), null)).append('\n');
        }
        Files.writeString(Path.of(opt("out")), s);
    }

    // ---------------------------------------------------------------- the table

    void report() throws Exception {
        Properties m = metrics();
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(m.getProperty("machine", "?")).append("  \n");
        out.append("Run: ").append(m.getProperty("run", "?")).append("  \n");
        out.append("Service JVMs: `").append(m.getProperty("startup.jvm_options", "?")).append("`\n\n");
        out.append("| # | measure | result | reference (same run) | ratio | goal | met |\n|---|---|---|---|---|---|---|\n");

        ingestRows(out, m);
        readRows(out, m);
        dashboardRows(out, m);
        for (String svc : new String[] {"profile-service", "analytics-service", "admin-stats-service"}) {
            startupRows(out, m, svc);
        }
        if (m.getProperty("startup.together.ready_seconds") != null) {
            row(out, "4", "the three services started together with their AOT caches (a node's restart): until all three are ready",
                    f2(d(m, "startup.together.ready_seconds")) + " s", "", "", "", "");
        }
        if (m.getProperty("dashboard.30d.p50_ms") != null) {
            out.append("\nKPI cross-check (dashboard vs raw SQL): 30 days ").append(m.getProperty("dashboard.30d.kpis_match_raw", "?"))
                    .append(", 365 days ").append(m.getProperty("dashboard.365d.kpis_match_raw", "?")).append('\n');
        }
        System.out.print(out);
        Files.writeString(results.resolve("table.md"), out);
    }

    /** Phase 1's rows, when it ran (not with --startup-only). */
    static void ingestRows(StringBuilder out, Properties m) {
        if (m.getProperty("main.rate") == null) {
            return;
        }
        double rate = d(m, "main.rate"), copyRate = d(m, "copy.rate"), naiveRate = d(m, "naive.rate");
        row(out, "1", "ingest end to end: " + n(m, "main.events") + " events posted via `POST /api/v1/events`, applied by all 3 services, system quiet",
                f0(rate) + " events/s (" + f1(d(m, "main.settled_seconds")) + " s)",
                "PostgreSQL COPY into a bare table: " + f0(copyRate) + " events/s", pct(rate / copyRate), "≥ 10,000/s (beyond: 20,000/s)",
                met(rate >= 10_000));
        row(out, "1", "ingest, naive design (1 record per poll and transaction), " + n(m, "naive.events") + " events",
                f0(naiveRate) + " events/s", "the batched pipeline above: " + f0(rate) + " events/s", x(rate / naiveRate), "≥ 250×",
                met(rate / naiveRate >= 250));
        row(out, "1", "ingest detail: posting done / each service applied all", f1(d(m, "main.post_seconds")) + " s / profile "
                + f1(d(m, "main.applied_seconds.profile-service")) + " s, analytics " + f1(d(m, "main.applied_seconds.analytics-service"))
                + " s, admin-stats " + f1(d(m, "main.applied_seconds.admin-stats-service")) + " s", "", "", "", "");
        row(out, "1", "ingest cost: ms of consumer transaction per record, by service and topic", costPerRecord(m, "ingest"), "", "", "", "");
        if (m.getProperty("ingest.cpu_busy_percent") != null) {
            row(out, "1", "ingest CPU: ms of CPU per event, by process (load-generator: the benchmark's own process, which generates, "
                    + "posts and watches; other: the rest of the machine, the kernel's network and disk work included); "
                    + "the cores' busy share", cpuPerEvent(m, "ingest") + "; " + n(m, "ingest.cpu_busy_percent") + " % busy", "", "", "", "");
            row(out, "1", "ingest PostgreSQL per event, by service database (pg_stat_statements): ms of statement time, WAL kB, "
                    + "full-page images, blocks read from outside the shared buffers, rows", postgresPerEvent(m, "ingest"), "", "", "", "");
        }
        if (m.getProperty("settle.vacuum_analyze_seconds") != null) {
            row(out, "–", "then `VACUUM (ANALYZE)` of the three databases before dashboards and reads (autovacuum here: "
                    + m.getProperty("settle.autovacuum") + ")", f1(d(m, "settle.vacuum_analyze_seconds")) + " s", "", "", "", "");
        }
    }

    /** Phase 2's rows, each read that was measured. */
    static void readRows(StringBuilder out, Properties m) {
        // the issue's bar (21): at least 5,000 req/s, p99 at most 15 ms and a quarter of the trivial endpoint
        String[][] reads = {{"profile", "profile", "`GET /api/xp/profile`"}, {"analytics", "streak", "`GET /api/xp/streak`"},
            {"analytics", "quests", "`GET /api/xp/quests`"}, {"analytics", "learning-pulse", "`GET /api/xp/learning-pulse`"},
            {"profile", "public-gateway", "`GET /api/xp/public-profile/{username}` through the gateway (nginx), 2,000 visitors"}};
        for (String[] r : reads) {
            String k = "reads." + r[1];
            String trivial = "reads.live-" + r[0];
            if (m.getProperty(k + ".rps") == null) {
                continue;
            }
            double rps = d(m, k + ".rps"), p99 = d(m, k + ".p99_ms"), trps = d(m, trivial + ".rps");
            row(out, "2", r[2] + ", 32 connections", "p50 " + f1(d(m, k + ".p50_ms")) + " ms, p99 " + f1(p99) + " ms, "
                    + f0(rps) + " req/s" + (d(m, k + ".non_2xx") > 0 ? ", " + f0(d(m, k + ".non_2xx")) + " not 2xx" : ""),
                    "`/q/health/live` of " + r[0] + "-service: " + f0(trps) + " req/s (p99 " + f1(d(m, trivial + ".p99_ms")) + " ms)",
                    pct(rps / trps), "≥ 5,000 req/s, p99 ≤ 15 ms, ≥ 25 % (beyond: p99 < 10 ms, ≥ 50 %)",
                    met(rps >= 5000 && p99 <= 15 && rps / trps >= 0.25 && d(m, k + ".non_2xx") == 0));
        }
    }

    /** Phase 3's rows, when it ran. */
    static void dashboardRows(StringBuilder out, Properties m) {
        for (String days : new String[] {"30", "365"}) {
            String k = "dashboard." + days + "d.";
            if (m.getProperty(k + "p50_ms") == null) {
                continue;
            }
            double p95 = d(m, k + "p95_ms"), raw = d(m, k + "raw_p50_ms");
            row(out, "3", "admin dashboard, " + n(m, "setup.members") + " members, " + days + "-day range (" + kb(d(m, k + "response_bytes"))
                    + " JSON)", "p50 " + f0(d(m, k + "p50_ms")) + " ms, p95 " + f0(p95) + " ms",
                    "same KPIs from raw events by SQL: p50 " + f0(raw) + " ms, p95 " + f0(d(m, k + "raw_p95_ms")) + " ms",
                    x(raw / d(m, k + "p50_ms")) + " (raw p50 ÷ API p50)", "p95 < 200 ms, ≥ 20× faster", met(p95 < 200 && raw / d(m, k + "p50_ms") >= 20));
            row(out, "3", "the same, one member's day changed before each request (computed afresh)", "p50 " + f0(d(m, k + "recomputed_p50_ms"))
                    + " ms, p95 " + f0(d(m, k + "recomputed_p95_ms")) + " ms", "as above", x(raw / d(m, k + "recomputed_p50_ms"))
                    + " (raw p50 ÷ API p50)", "(what a change costs; no goal)", "–");
        }
    }

    /** "postgresql 0.412, analytics-service 0.301, …", largest first, from the {@code <phase>.cpu_ms_per_event.<process>} figures. */
    static String cpuPerEvent(Properties m, String phase) {
        String prefix = phase + ".cpu_ms_per_event.";
        return m.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .sorted(java.util.Comparator.comparingDouble((String k) -> d(m, k)).reversed())
                .map(k -> k.substring(prefix.length()) + " " + m.getProperty(k))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** "admin-stats-service ms=0.45 wal_kb=3.1 …; …" from the {@code <phase>.pg.<service>} figures, or why there are none. */
    static String postgresPerEvent(Properties m, String phase) {
        String prefix = phase + ".pg.";
        String figures = m.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                .map(k -> k.substring(prefix.length()) + " " + m.getProperty(k)).collect(java.util.stream.Collectors.joining("; "));
        return figures.isEmpty() ? "pg_stat_statements " + m.getProperty(phase + ".pg_statements", "not measured") : figures;
    }

    /** "profile learning.activity.v1 0.123, …" from the {@code <phase>.cost_ms_per_record.<service>.<topic>} figures. */
    static String costPerRecord(Properties m, String phase) {
        String prefix = phase + ".cost_ms_per_record.";
        return m.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                .map(k -> k.substring(prefix.length()).replaceFirst("-service\\.", " ") + " " + m.getProperty(k))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Phase 4, one service: the same package started as a plain JVM and with its AOT caches, one after the other on
     * the same migrated database, alone on a quiet machine, with the same small-container JVM settings; then, with
     * the three started together, the AOT instance under the run.
     */
    static void startupRows(StringBuilder out, Properties m, String svc) {
        String p = "startup." + svc + ".";
        double plain = d(m, p + "plain.ready_seconds"), aot = d(m, p + "aot.ready_seconds");
        row(out, "4", svc + ": start to ready / to the first authenticated request; RSS idle / peak in a 3-s read burst; AOT cache "
                + n(m, p + "aot_cache_mb") + " MB (training: " + n(m, p + "aot_training") + "), migration step "
                + f1(d(m, p + "migrate_seconds")) + " s",
                "AOT cache: " + startFigures(m, p + "aot"), "plain JVM: " + startFigures(m, p + "plain"),
                pct(aot / plain) + " of the start", "ready ≤ 1.5 s, RSS idle ≤ 150 MB",
                met(aot <= 1.5 && d(m, p + "aot.idle_rss_mb") <= 150));
        if (m.getProperty(p + "aot_package.ready_seconds") != null) {
            row(out, "4", svc + " with the package's AOT cache (trained on static init, no database): start to ready / to the first "
                    + "authenticated request; RSS idle / peak in a 3-s read burst",
                    startFigures(m, p + "aot_package"),
                    "", pct(d(m, p + "aot_package.ready_seconds") / plain) + " of the start", "", "");
        }
        if (m.getProperty("rss." + svc + ".peak_mb") == null) { // --startup-only: no load followed
            row(out, "4", svc + " (AOT cache) started with the other two: RSS idle", n(m, "rss." + svc + ".idle_mb") + " MB", "", "", "", "");
            return;
        }
        row(out, "4", svc + " (AOT cache) through the run: RSS idle / peak under load", n(m, "rss." + svc + ".idle_mb") + " MB / "
                + n(m, "rss." + svc + ".peak_mb") + " MB", "", "", "", "");
    }

    /** One way of starting: "2.02 s / 2.15 s; 214 MB / 232 MB (median of 3 starts to ready: 1.94, 2.02, 2.07 s)". */
    static String startFigures(Properties m, String prefix) {
        return f2(d(m, prefix + ".ready_seconds")) + " s / " + f2(d(m, prefix + ".first_request_seconds")) + " s; "
                + n(m, prefix + ".idle_rss_mb") + " MB / " + n(m, prefix + ".burst_peak_rss_mb") + " MB" + eachStart(m, prefix);
    }

    /** The starts behind a median, when there were several: " (median of 3 starts to ready: 2.10, 2.31, 2.95 s)". */
    static String eachStart(Properties m, String prefix) {
        String each = m.getProperty(prefix + ".ready_seconds_each", "").trim();
        if (!each.contains(" ")) {
            return "";
        }
        String[] starts = each.split(" ");
        return " (median of " + starts.length + " starts to ready: " + String.join(", ", starts) + " s)";
    }

    static double d(Properties m, String key) {
        String v = m.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    static String n(Properties m, String key) {
        return m.getProperty(key, "?");
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String pct(double ratio) {
        return Double.isNaN(ratio) ? "?" : String.format(Locale.ROOT, ratio < 0.1 ? "%.1f %%" : "%.0f %%", ratio * 100);
    }

    static String x(double ratio) {
        return Double.isNaN(ratio) ? "?" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    static String kb(double bytes) {
        return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%,.0f kB", bytes / 1000);
    }

    static String met(boolean ok) {
        return ok ? "yes" : "no";
    }

    static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
