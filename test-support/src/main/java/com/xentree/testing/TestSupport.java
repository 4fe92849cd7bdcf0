package com.xentree.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.xentree.events.ApiKeyChanged;
import com.xentree.events.ApiKeys;
import com.xentree.events.LearningActivity;
import com.xentree.events.Topics;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
import org.eclipse.microprofile.config.ConfigProvider;

/** Real tokens, real API keys and direct access to the real broker, for tests. */
public final class TestSupport {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestSupport() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A token signed with the key the service trusts in tests. */
    public static String token(String userId, String... groups) {
        return tokenSignedWith("test-keys/private.pem", userId, Set.of(groups), null);
    }

    /** A token carrying the profile claims an identity provider sends (any may be null). */
    public static String tokenWithClaims(String userId, String preferredUsername, String name, String email, String zoneinfo,
            String... groups) {
        var builder = Jwt.issuer("https://auth.xentree.local").subject(userId).upn(userId).groups(Set.of(groups))
                .expiresIn(Duration.ofMinutes(10));
        if (preferredUsername != null) {
            builder.claim("preferred_username", preferredUsername);
        }
        if (name != null) {
            builder.claim("name", name);
        }
        if (email != null) {
            builder.claim("email", email);
        }
        if (zoneinfo != null) {
            builder.claim("zoneinfo", zoneinfo);
        }
        return builder.jws().keyId("test").sign("test-keys/private.pem");
    }

    /** An activity worth exactly {@code xp} base XP. */
    public static LearningActivity activity(String userId, Instant at, String category, int xp) {
        return new LearningActivity(UUID.randomUUID(), userId, at, "UTC", "quiz", "english", category, 60L, xp, null);
    }

    public static String tokenWithScope(String userId, String scope) {
        return tokenSignedWith("test-keys/private.pem", userId, Set.of(), scope);
    }

    public static String tokenSignedWith(String privateKeyLocation, String userId, Set<String> groups, String scope) {
        var builder = Jwt.issuer("https://auth.xentree.local").subject(userId).upn(userId)
                .claim("preferred_username", "user-" + userId).groups(groups).expiresIn(Duration.ofMinutes(10));
        if (scope != null) {
            builder.claim("scope", scope);
        }
        return builder.jws().keyId("test").sign(privateKeyLocation);
    }

    /** Publishes an API key the way profile-service does and returns the secret to present. */
    public static String publishApiKey(String ownerUserId, Set<String> scopes, boolean revoked) {
        String keyId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String secret = ApiKeys.newSecret();
        publishApiKey(keyId, ownerUserId, scopes, ApiKeys.sha256Hex(secret), revoked);
        return ApiKeys.format(keyId, secret);
    }

    public static void publishApiKey(String keyId, String ownerUserId, Set<String> scopes, String hash, boolean revoked) {
        send(Topics.API_KEYS, keyId, new ApiKeyChanged(UUID.randomUUID(), Instant.now(), keyId, ownerUserId, scopes, hash, revoked));
    }

    public static void send(String topic, String key, Object value) {
        try {
            sendRaw(topic, key, JSON.writeValueAsBytes(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String topic, String key, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic with the given key, read from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
        return records(bootstrap(), topic, key::equals);
    }

    /** Every record on the topic so far (from the beginning to the current end offsets) whose key matches. */
    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, Predicate<String> key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && r.key() != null && key.test(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
