package com.xentree.foundation.messaging;

import com.xentree.foundation.config.MessagingConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The service's one idempotent producer, and a factory for consumers, from the {@code kafka.*} config. */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> base;
    private volatile KafkaProducer<String, byte[]> producer;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> config) {
        Map<String, Object> props = new HashMap<>(config);
        // no JMX MBeans for every metric of every client: nothing reads them (the service's figures are Micrometer's,
        // /q/metrics), and each client would register them as it is built
        props.putIfAbsent(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, List.of());
        this.base = Map.copyOf(props);
    }

    public KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = new HashMap<>(base);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
                    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
                p = producer;
            }
        }
        return p;
    }

    /** A consumer with manual offset commits that answers a poll as soon as anything arrives; {@code groupId} null means no group (manual assignment). */
    public KafkaConsumer<String, byte[]> consumer(String groupId, int maxPollRecords) {
        return consumer(groupId, maxPollRecords, 1, Duration.ofMillis(100));
    }

    /**
     * A member of a consumer group, as {@link MessagingConfig} says: its fetches wait for
     * {@code fetch-min-bytes} or {@code fetch-max-wait}, and it takes part in the group under a static
     * instance id so that the group notices a dead replica in seconds.
     */
    public KafkaConsumer<String, byte[]> groupMember(String groupId, String instanceId, MessagingConfig config) {
        Map<String, Object> props = properties(groupId, config.maxPollRecords(), config.fetchMinBytes(), config.fetchMaxWait());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, config.groupProtocol());
        if (GroupProtocol.CLASSIC.name().equalsIgnoreCase(config.groupProtocol())) {
            // the broker's defaults would leave a killed replica's partitions idle for 45 s; cooperative
            // rebalancing moves only the partitions that change owner, the others are consumed throughout
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.heartbeatInterval().toMillis());
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        return new KafkaConsumer<>(props);
    }

    /** A consumer with manual offset commits whose fetches wait for {@code fetchMinBytes} or {@code fetchMaxWait}. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, int maxPollRecords, int fetchMinBytes, Duration fetchMaxWait) {
        return new KafkaConsumer<>(properties(groupId, maxPollRecords, fetchMinBytes, fetchMaxWait));
    }

    private Map<String, Object> properties(String groupId, int maxPollRecords, int fetchMinBytes, Duration fetchMaxWait) {
        Map<String, Object> props = new HashMap<>(base);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetchMinBytes);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
