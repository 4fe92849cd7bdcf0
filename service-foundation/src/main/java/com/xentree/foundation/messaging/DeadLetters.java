package com.xentree.foundation.messaging;

import com.xentree.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Parks records that cannot be parsed or validated on {@code <topic>.dlq}, the reason in headers. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    @Inject
    KafkaClients kafka;
    @Inject
    MeterRegistry registry;
    @Inject
    @ConfigProperty(name = "quarkus.application.name") String service;

    /** Sends all and waits for the broker's acknowledgement, so offsets are committed only after. */
    public void send(List<Rejected> rejected) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejected.size());
        for (Rejected r : rejected) {
            ConsumerRecord<String, byte[]> source = r.record();
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.deadLetter(source.topic()), source.key(), source.value());
            out.headers()
               .add("dlq.reason", utf8(r.reason()))
               .add("dlq.source.topic", utf8(source.topic()))
               .add("dlq.source.partition", utf8(Integer.toString(source.partition())))
               .add("dlq.source.offset", utf8(Long.toString(source.offset())))
               .add("dlq.consumer", utf8(service));
            acks.add(kafka.producer().send(out));
            LOG.warnf("dead-lettered %s-%d@%d: %s", source.topic(), source.partition(), source.offset(), r.reason());
            registry.counter("xentree.consumer.dead_lettered", "topic", source.topic()).increment();
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
