package com.xentree.analytics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.analytics.config.AnalyticsConfig;
import com.xentree.analytics.rest.EventBatchAccepted;
import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import com.xentree.events.Topics;
import com.xentree.foundation.messaging.KafkaClients;
import com.xentree.foundation.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/events}: all-or-nothing validation, the user's time zone stamped on events
 * that carry none (so every service puts the activity on the same local day), then publication
 * keyed by user id, answered only after the broker acknowledged every event.
 */
@ApplicationScoped
public class ActivityIngestionService {

    private static final Logger LOG = Logger.getLogger(ActivityIngestionService.class);

    /** One rejected item of a batch. */
    public record ItemError(int index, UUID eventId, List<String> problems) {
    }

    @Inject
    KafkaClients kafka;
    @Inject
    UserZones userZones;
    @Inject
    ObjectMapper json;
    @Inject
    AnalyticsConfig config;
    @Inject
    Clock clock;

    public EventBatchAccepted ingest(List<LearningActivity> events) {
        List<LearningActivity> valid = validate(events);
        Map<String, String> zones = userZones.of(valid.stream()
                .filter(e -> e.timeZone() == null).map(LearningActivity::userId).distinct().toList());
        List<Future<RecordMetadata>> acks = new ArrayList<>(valid.size());
        try {
            for (LearningActivity event : valid) {
                LearningActivity stamped = event.timeZone() != null ? event
                        : event.withTimeZone(zones.getOrDefault(event.userId(), LocalDay.DEFAULT_ZONE.getId()));
                acks.add(kafka.producer().send(new ProducerRecord<>(Topics.LEARNING_ACTIVITY, stamped.userId(),
                        json.writeValueAsBytes(stamped))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (JsonProcessingException | RuntimeException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            throw unavailable(e);
        }
        return new EventBatchAccepted(valid.size(), valid.stream().map(LearningActivity::eventId).toList());
    }

    private List<LearningActivity> validate(List<LearningActivity> events) {
        if (events == null || events.isEmpty()) {
            throw new ApiException(422, "events: a batch needs 1 to " + config.maxIngestBatch() + " events");
        }
        if (events.size() > config.maxIngestBatch()) {
            throw new ApiException(413, "events: at most " + config.maxIngestBatch() + " events per batch, got " + events.size());
        }
        Instant now = clock.instant();
        List<ItemError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            LearningActivity event = events.get(i);
            if (event == null) {
                errors.add(new ItemError(i, null, List.of("event: must be an object")));
                continue;
            }
            List<String> problems = new ArrayList<>(event.violations(now));
            if (event.eventId() != null && !seen.add(event.eventId())) {
                problems.add("event_id: appears more than once in this batch");
            }
            if (!problems.isEmpty()) {
                errors.add(new ItemError(i, event.eventId(), problems));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors.size() + " of " + events.size() + " events are invalid; none was accepted", errors);
        }
        return events;
    }

    private ApiException unavailable(Exception cause) {
        LOG.errorf("publishing an event batch failed: %s", cause.toString());
        return new ApiException(503, "Events could not be stored right now; send the same batch again (duplicates are ignored)");
    }
}
