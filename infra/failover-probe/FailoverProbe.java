import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures consumer fail-over on the real broker, for the two candidates of issue 20: two consumer
 * processes in one group on a 6-partition topic; one is killed with SIGKILL; the time until the
 * survivor owns all partitions is printed; then the killed one restarts and the survivor's pause
 * (time without any assigned partition... i.e. partitions revoked) is printed.
 *
 *   java -cp kafka-clients.jar:slf4j-api.jar FailoverProbe.java classic-static|kip848|kip848-dynamic [bootstrap]
 *   (child mode: FailoverProbe.java member <mode> <group> <instance> <bootstrap>)
 */
public class FailoverProbe {
    static final String TOPIC = "failover-probe";

    public static void main(String[] a) throws Exception {
        if (a[0].equals("member")) { member(a[1], a[2], a[3], a[4]); return; }
        String mode = a[0];
        String bootstrap = a.length > 1 ? a[1] : "127.0.0.1:19092";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
            }
            var broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            var cfg = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            for (String k : List.of("group.consumer.session.timeout.ms", "group.consumer.min.session.timeout.ms",
                    "group.consumer.heartbeat.interval.ms", "group.min.session.timeout.ms", "group.coordinator.rebalance.protocols")) {
                var e = cfg.get(k);
                System.out.println("broker " + k + " = " + (e == null ? "?" : e.value() + " (" + e.source() + ", readOnly=" + e.isReadOnly() + ")"));
            }
        }
        String group = "failover-probe-" + mode + "-" + System.currentTimeMillis();
        Process p1 = start(mode, group, "probe-1", bootstrap, "/tmp/probe-1.log");
        Process p2 = start(mode, group, "probe-2", bootstrap, "/tmp/probe-2.log");
        awaitLine("/tmp/probe-1.log", l -> l.startsWith("OWN ") && count(l) > 0 && count(l) < 6, 120);
        awaitLine("/tmp/probe-2.log", l -> l.startsWith("OWN ") && count(l) > 0, 120);
        Thread.sleep(3000);
        long killed = System.currentTimeMillis();
        p2.destroyForcibly(); p2.waitFor();
        String full = awaitLine("/tmp/probe-1.log", l -> l.startsWith("OWN ") && at(l) > killed && count(l) == 6, 120);
        long at = Long.parseLong(full.split(" ")[1]);
        System.out.printf("%s: kill -9 -> survivor owns all 6 partitions after %.1f s%n", mode, (at - killed) / 1000.0);
        long restarted = System.currentTimeMillis();
        Process p3 = start(mode, group, "probe-2", bootstrap, "/tmp/probe-3.log");
        String back = awaitLine("/tmp/probe-3.log", l -> l.startsWith("OWN ") && count(l) > 0, 120);
        System.out.printf("%s: restarted member owns partitions again %.1f s after its start%n", mode,
                (Long.parseLong(back.split(" ")[1]) - restarted) / 1000.0);
        Thread.sleep(3000);
        // the survivor's view while the member came back: any moment it owned nothing is a stop-the-world pause
        List<String> lines = Files.readAllLines(Path.of("/tmp/probe-1.log"));
        long pausedFrom = -1, paused = 0;
        for (String l : lines) {
            if (!l.startsWith("OWN ")) continue;
            long t = Long.parseLong(l.split(" ")[1]);
            if (t < restarted) continue;
            if (count(l) == 0 && pausedFrom < 0) pausedFrom = t;
            if (count(l) > 0 && pausedFrom >= 0) { paused += t - pausedFrom; pausedFrom = -1; }
        }
        System.out.printf("%s: survivor owned no partition for %.1f s while the member came back; survivor assignment log:%n", mode, paused / 1000.0);
        lines.stream().filter(l -> l.startsWith("OWN ")).forEach(l -> System.out.println("  " + l));
        p1.destroyForcibly(); p3.destroyForcibly();
    }

    static long at(String ownLine) {
        return Long.parseLong(ownLine.split(" ")[1]);
    }

    static int count(String ownLine) {
        String[] parts = ownLine.split(" ", 3);
        return parts.length < 3 || parts[2].equals("[]") ? 0 : parts[2].split(",").length;
    }

    static Process start(String mode, String group, String instance, String bootstrap, String log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "FailoverProbe.java", "member", mode, group, instance, bootstrap)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).redirectOutput(new java.io.File(log)).start();
    }

    static String awaitLine(String file, java.util.function.Predicate<String> p, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(Path.of(file))) {
                for (String l : Files.readAllLines(Path.of(file))) if (p.test(l)) return l;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting in " + file);
    }

    static void member(String mode, String group, String instance, String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", group);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        if (!mode.endsWith("-dynamic")) {
            p.put("group.instance.id", instance);
        }
        if (mode.startsWith("kip848")) {
            p.put("group.protocol", "consumer");
        } else {
            p.put("session.timeout.ms", "6000");
            p.put("heartbeat.interval.ms", "1000");
            p.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
        }
        Set<TopicPartition> owned = new TreeSet<>(Comparator.comparing(TopicPartition::toString));
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                public void onPartitionsRevoked(Collection<TopicPartition> ps) { owned.removeAll(ps); print(owned); }
                public void onPartitionsAssigned(Collection<TopicPartition> ps) { owned.addAll(ps); print(owned); }
                public void onPartitionsLost(Collection<TopicPartition> ps) { owned.removeAll(ps); print(owned); }
            });
            while (true) c.poll(Duration.ofMillis(200));
        }
    }

    static void print(Set<TopicPartition> owned) {
        System.out.println("OWN " + System.currentTimeMillis() + " " + owned.stream().map(tp -> Integer.toString(tp.partition())).toList().toString().replace(" ", ""));
        System.out.flush();
    }
}
