package com.xentree.foundation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.foundation.messaging.Outbox;
import com.xentree.testing.TestSupport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Per-key order of what the outbox announces, with concurrent writers: an id is taken at insert and
 * becomes visible at commit, so the row with the later id can be committed first.
 */
@QuarkusTest
class OutboxOrderTest {

    @Inject
    Outbox outbox;

    @Test
    void aLaterIdCommittedFirstIsPublishedAfterTheEarlierOne() throws Exception {
        String key = "order-" + UUID.randomUUID();
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            announce(key, "first");
            firstWritten.countDown();
            awaitQuietly(release);
        }));
        firstWritten.await(30, TimeUnit.SECONDS);
        QuarkusTransaction.requiringNew().run(() -> announce(key, "second"));
        // the relay runs every 100 ms: a relay that publishes what is visible sends "second" now
        Thread.sleep(1500);
        release.countDown();
        first.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(2, TestSupport.readAll(NoteHandler.ECHO_TOPIC, key).size()));
        assertEquals(List.of("first", "second"), bodies(TestSupport.readAll(NoteHandler.ECHO_TOPIC, key)));
    }

    private void announce(String key, String body) {
        outbox.add(List.of(new Outbox.Message(NoteHandler.ECHO_TOPIC, key, new NoteHandler.Echo(UUID.randomUUID(), body))));
    }

    private static List<String> bodies(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            bodies.add(TestSupport.JSON.readValue(r.value(), NoteHandler.Echo.class).body());
        }
        return bodies;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
