import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of DESIGN.md section 3 (and their .dlq topics) if they are missing.
 * Run as a single-file program: java -cp 'infra/.work/lib/*' infra/tools/Topics.java HOST:PORT
 */
public class Topics {
    static final List<String> TOPICS = List.of("learning.activity.v1", "xp.awarded.v1", "user.profile.v1",
            "analytics.progress.v1", "org.membership.v1", "auth.api-keys.v1", "user.erasure.v1");
    static final Set<String> COMPACTED = Set.of("user.profile.v1", "org.membership.v1", "auth.api-keys.v1", "user.erasure.v1");
    static final int PARTITIONS = Integer.getInteger("partitions", 6);

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "127.0.0.1:19092");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, PARTITIONS, (short) 1);
                    if (COMPACTED.contains(topic)) {
                        t.configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));
                    }
                    missing.add(t);
                }
                String dlq = topic + ".dlq";
                if (!existing.contains(dlq)) {
                    missing.add(new NewTopic(dlq, 1, (short) 1).configs(Map.of("retention.ms", "1209600000")));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + (TOPICS.size() * 2) + " present, " + missing.size() + " created");
        }
    }
}
