package com.xentree.system;

import com.xentree.testing.TestSupport;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three packaged services running as real processes against the real infrastructure, started
 * once per test run and stopped at its end. Each service gets its own {@code _it} database, wiped
 * and migrated by the migration step before the service starts.
 */
public final class RunningSystem implements ExtensionContext.Store.CloseableResource {

    public enum Service {
        PROFILE("profile-service", 18081, "xentree_profile_it"),
        ANALYTICS("analytics-service", 18082, "xentree_analytics_it"),
        ADMIN_STATS("admin-stats-service", 18083, "xentree_admin_stats_it");

        public final String dir;
        public final int port;
        public final String database;

        Service(String dir, int port, String database) {
            this.dir = dir;
            this.port = port;
            this.database = database;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The key of the erasure lists' keyed hash, the same for every service of the run. */
    public static final String ERASURE_HASH_KEY = env("ERASURE_HASH_KEY", "system-test-erasure-hash-key");

    /** The analytics leaderboard recompute interval of every service this test run starts. */
    public static final Duration LEADERBOARD_REFRESH = Duration.ofSeconds(5);

    private static RunningSystem instance;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);

    public static synchronized RunningSystem get(ExtensionContext context) {
        if (instance == null) {
            instance = new RunningSystem();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSystem.class.getName(), instance);
            instance.start();
        }
        return instance;
    }

    /** The system the {@link SystemExtension} started. */
    public static synchronized RunningSystem current() {
        if (instance == null) {
            throw new IllegalStateException("no running system: extend the test with SystemExtension");
        }
        return instance;
    }

    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static Path root() {
        return Path.of(System.getProperty("xentree.root", "../..")).toAbsolutePath().normalize();
    }

    public static String kafka() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    }

    /** Every record on the topic so far (from the beginning to the current end offsets) whose key matches. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, Predicate<String> key) {
        return TestSupport.records(kafka(), topic, key);
    }

    public static Connection database(Service service) throws SQLException {
        return database(service.database);
    }

    public static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432")
                + "/" + name, env("DB_USER", "postgres"), env("DB_PASSWORD", ""));
    }

    private void start() {
        Path logs = logs();
        for (Service s : Service.values()) {
            processes.put(s, launch(s, s.port, s.database, s.dir + "-it", true, Map.of()));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (Service s : Service.values()) {
            if (!awaitReady(http, "http://127.0.0.1:" + s.port, logs.resolve(s.dir + ".log"))) {
                close();
                throw new IllegalStateException(s.dir + " did not become ready; see " + logs.resolve(s.dir + ".log"));
            }
        }
    }

    /**
     * Starts one more instance of a service, for instance on an empty database with a new consumer
     * group to replay the topics; the caller stops it.
     */
    public static Process startExtra(Service service, int port, String database, String consumerGroupPrefix, Map<String, String> env) {
        Process p = launch(service, port, database, consumerGroupPrefix, true, env);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Path log = logs().resolve(service.dir + "-" + port + ".log");
        if (!awaitReady(http, "http://127.0.0.1:" + port, log)) {
            p.destroyForcibly();
            throw new IllegalStateException(service.dir + " on " + port + " did not become ready; see " + log);
        }
        return p;
    }

    /**
     * Starts one more instance of a service on a database as it is, without the migration step and without waiting
     * for it to become ready; the caller stops it.
     */
    public static Process startUnmigrated(Service service, int port, String database, String consumerGroupPrefix) {
        return launch(service, port, database, consumerGroupPrefix, false, Map.of());
    }

    /** The migration step alone (no wipe): the service's jar migrates the database and exits. */
    public static void migrate(Service service, int port, String database) {
        File log = logs().resolve(service.dir + "-" + port + "-migrate.log").toFile();
        try {
            Files.createDirectories(logs());
            runMigration(service(service, port, database, service.dir + "-migrate", Map.of()), false, log, service);
        } catch (IOException e) {
            throw new IllegalStateException("could not migrate for " + service.dir, e);
        }
    }

    /**
     * Starts a second replica of a service on its own port, on the same database and in the same
     * consumer groups as the first, and waits until it is ready; the caller stops it.
     */
    public static Process startReplica(Service service, int port) {
        Process p = launch(service, port, service.database, service.dir + "-it", false, Map.of());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Path log = logs().resolve(service.dir + "-" + port + ".log");
        if (!awaitReady(http, "http://127.0.0.1:" + port, log)) {
            p.destroyForcibly();
            throw new IllegalStateException(service.dir + " replica on " + port + " did not become ready; see " + log);
        }
        return p;
    }

    /** The replica's member name in its consumer groups and in the job leases. */
    public static String instanceId(Service service, int port) {
        return service.dir + "-" + port;
    }

    /** The log of the replica on {@code port}. */
    public static Path log(Service service, int port) {
        return logs().resolve(port == service.port ? service.dir + ".log" : service.dir + "-" + port + ".log");
    }

    /** Kills a service the hard way (SIGKILL): no shutdown hooks, no graceful close of consumers or pools. */
    public synchronized void kill(Service service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Starts a killed service again on its own database, keeping its data, and waits until it is ready. */
    public synchronized void restart(Service service) {
        Process p = launch(service, service.port, service.database, service.dir + "-it", false, Map.of());
        processes.put(service, p);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        if (!awaitReady(http, service.url(), logs().resolve(service.dir + ".log"))) {
            throw new IllegalStateException(service.dir + " did not become ready after a restart; see " + logs().resolve(service.dir + ".log"));
        }
    }

    private static Path logs() {
        return root().resolve("infra/system-tests/target/service-logs");
    }

    /**
     * @param clean wipe and migrate the database first (a fresh run), or keep it (a restart); services do not
     *     migrate at start, the migration step does (as infra/lib.sh's migrate_service and the k8s Job)
     */
    private static Process launch(Service s, int port, String database, String consumerGroupPrefix, boolean clean,
            Map<String, String> extraEnv) {
        String log = port == s.port ? s.dir + ".log" : s.dir + "-" + port + ".log";
        File logFile = logs().resolve(log).toFile();
        try {
            Files.createDirectories(logs());
            if (clean) {
                migrate(s, port, database, consumerGroupPrefix, extraEnv, logFile);
            }
            ProcessBuilder pb = service(s, port, database, consumerGroupPrefix, extraEnv);
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile));
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + s.dir, e);
        }
    }

    /** The migration step on a wiped database: the same jar, migrating and exiting before it serves. */
    private static void migrate(Service s, int port, String database, String consumerGroupPrefix, Map<String, String> extraEnv,
            File logFile) throws IOException {
        runMigration(service(s, port, database, consumerGroupPrefix, extraEnv), true, logFile, s);
    }

    private static void runMigration(ProcessBuilder pb, boolean clean, File logFile, Service s) throws IOException {
        pb.environment().put("QUARKUS_INIT_AND_EXIT", "true");
        pb.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        pb.environment().put("QUARKUS_FLYWAY_CLEAN_AT_START", Boolean.toString(clean));
        pb.environment().put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(logFile)).start();
        try {
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the migration step of " + s.dir + " failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating " + s.dir, e);
        }
    }

    private static ProcessBuilder service(Service s, int port, String database, String consumerGroupPrefix, Map<String, String> extraEnv) {
        Path root = root();
        Path jar = root.resolve(s.dir).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("DB_NAME", database);
        env.put("CONSUMER_GROUP_PREFIX", consumerGroupPrefix);
        // each process is its own replica in the consumer groups, named by service and port
        env.put("XENTREE_MESSAGING_INSTANCE_ID", instanceId(s, port));
        // short, so that the scale-out run sees many recompute intervals
        env.put("ANALYTICS_LEADERBOARD_REFRESH", LEADERBOARD_REFRESH.toSeconds() + "s");
        env.put("JWT_PUBLIC_KEY_LOCATION", root.resolve("test-support/src/main/resources/test-keys/public.pem").toString());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("ERASURE_HASH_KEY", ERASURE_HASH_KEY);
        env.put("ANALYTICS_URL", Service.ANALYTICS.url());
        env.put("ADMIN_STATS_URL", Service.ADMIN_STATS.url());
        env.putAll(extraEnv);
        return pb;
    }

    private static boolean awaitReady(HttpClient http, String url, Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
