package com.xentree.foundation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.foundation.erasure.ErasureList;
import com.xentree.testing.TestDb;
import com.xentree.testing.TestSupport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The consumer loop, idempotency ledger, dead letters and outbox relay, against the real broker and database. */
@QuarkusTest
class MessagingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ErasureList erasures;

    @Test
    void anEventSentTwiceIsAppliedOnceAndAnnouncedOnce() throws Exception {
        UUID id = UUID.randomUUID();
        String key = id.toString();
        var note = new NoteHandler.Note(id, "hello " + id);
        TestSupport.send(NoteHandler.TOPIC, key, note);
        TestSupport.send(NoteHandler.TOPIC, key, note);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, TestSupport.readAll(NoteHandler.ECHO_TOPIC, key).size()));
        assertEquals(1L, count("select count(*) from note where event_id = ?", id));
        assertEquals(1L, count("select count(*) from processed_event where event_id = ?", id));
        NoteHandler.Echo echo = TestSupport.JSON.readValue(TestSupport.readAll(NoteHandler.ECHO_TOPIC, key).get(0).value(), NoteHandler.Echo.class);
        assertEquals(note.body(), echo.body());
        // the relay deletes what the broker acknowledged: nothing of this key is left to send
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(0L, count("select count(*) from outbox_event where record_key = ?", key)));
    }

    @Test
    void unusableRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheLoopGoesOn() throws Exception {
        String garbledKey = "garbled-" + UUID.randomUUID();
        String invalidKey = "invalid-" + UUID.randomUUID();
        TestSupport.sendRaw(NoteHandler.TOPIC, garbledKey, "{not json".getBytes(StandardCharsets.UTF_8));
        TestSupport.send(NoteHandler.TOPIC, invalidKey, new NoteHandler.Note(UUID.randomUUID(), " "));
        UUID after = UUID.randomUUID();
        TestSupport.send(NoteHandler.TOPIC, after.toString(), new NoteHandler.Note(after, "after the bad ones"));

        String dlq = NoteHandler.TOPIC + ".dlq";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1L, count("select count(*) from note where event_id = ?", after)));
        List<ConsumerRecord<String, byte[]>> garbled = TestSupport.readAll(dlq, garbledKey);
        List<ConsumerRecord<String, byte[]>> invalid = TestSupport.readAll(dlq, invalidKey);
        assertEquals(1, garbled.size());
        assertEquals(1, invalid.size());
        assertEquals("{not json", new String(garbled.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(true, TestSupport.header(garbled.get(0), "dlq.reason").startsWith("unparseable: "));
        assertEquals("invalid: body: required", TestSupport.header(invalid.get(0), "dlq.reason"));
        assertEquals(NoteHandler.TOPIC, TestSupport.header(invalid.get(0), "dlq.source.topic"));
        assertEquals("foundation-test", TestSupport.header(invalid.get(0), "dlq.consumer"));
    }

    @Test
    void eventsOfAnErasedUserAreDroppedAndCountedWhileOthersAreApplied() throws Exception {
        String erased = "ada-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> erasures.erase(List.of(erased), Instant.now()));
        double before = dropped();
        UUID late = UUID.randomUUID();
        NoteHandler.Note lateNote = new NoteHandler.Note(late, "late news", erased);
        // same key, so one partition: once a later note by someone else is applied, the erased author's was read
        TestSupport.send(NoteHandler.TOPIC, erased, lateNote);
        UUID other = sendAndAwait(erased, "by someone else");
        assertEquals(0L, count("select count(*) from note where event_id = ?", late));
        assertEquals(0L, count("select count(*) from processed_event where event_id = ?", late), "dropped, not claimed");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(1.0, dropped() - before)); // counted after the commit

        TestSupport.send(NoteHandler.TOPIC, erased, lateNote); // a replay is dropped and counted again
        sendAndAwait(erased, "and again");
        assertEquals(0L, count("select count(*) from note where event_id = ?", late));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(2.0, dropped() - before)); // counted after the commit
        assertEquals(1L, count("select count(*) from note where event_id = ?", other));
        assertEquals(1L, count("select count(*) from erased_user where user_hash = ?", erasures.hashOf(erased)));
        assertEquals(0L, count("select count(*) from erased_user where strpos(user_hash, ?) > 0", erased), "only the hash is kept");
    }

    private UUID sendAndAwait(String key, String body) {
        UUID id = UUID.randomUUID();
        TestSupport.send(NoteHandler.TOPIC, key, new NoteHandler.Note(id, body, "bob"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1L, count("select count(*) from note where event_id = ?", id)));
        return id;
    }

    private static double dropped() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("xentree_erasure_dropped_total{") && l.contains(NoteHandler.TOPIC))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void readyWhenNoLoopFailsTheRelayPublishesAndTheBrokerAnswers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        // the broker's check is the API key registry's own question to it, every few seconds
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'messaging' }.data.api_keys_loaded", equalTo(true))
                .body("checks.find { it.name == 'messaging' }.data.broker_silent_ms", lessThan(15_000))
                .body("checks.name", not(hasItem("Kafka connection health check")));
    }

    @Test
    void aLoopWhoseBatchesFailMakesTheReplicaNotReadyUntilItsBatchIsApplied() throws Exception {
        UUID id = UUID.randomUUID();
        NoteHandler.failing = true;
        try {
            TestSupport.send(NoteHandler.TOPIC, id.toString(), new NoteHandler.Note(id, "while the store is down"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                    .statusCode(503).body("checks.find { it.name == 'messaging' }.data.consumers_down", containsString(NoteHandler.TOPIC)));
            assertEquals(0L, count("select count(*) from note where event_id = ?", id));
        } finally {
            NoteHandler.failing = false;
        }
        // the batch is retried, not skipped: applied once, and the replica is ready again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1L, count("select count(*) from note where event_id = ?", id)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    private long count(String sql, Object param) throws SQLException {
        return TestDb.count(dataSource, sql, param);
    }
}
