package com.xentree.foundation.erasure;

import com.xentree.events.Topics;
import com.xentree.events.UserErased;
import com.xentree.foundation.messaging.BatchHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every service reads {@code user.erasure.v1} and erases the announced users here (profile-service,
 * which announces them, has erased them already: for it this is a no-op, except after a rebuild on an
 * empty database, where it restores the list before replayed events can bring anyone back).
 */
@ApplicationScoped
public class ErasureConsumer implements BatchHandler<UserErased> {

    @Inject
    ErasureList erasures;
    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;

    @Override
    public String topic() {
        return Topics.USER_ERASURE;
    }

    @Override
    public Class<UserErased> type() {
        return UserErased.class;
    }

    @Override
    public UUID eventId(UserErased event) {
        return event.eventId();
    }

    @Override
    public List<String> violations(UserErased event, Instant now) {
        return event.violations();
    }

    /**
     * Erases by {@code user_id} and lists this service's own hash of it: a service whose key differs
     * by mistake still erases (the data must go); only its hashes would not match the topic's keys.
     */
    @Override
    public void apply(List<UserErased> events) {
        int erased = erasures.erase(events.stream().map(UserErased::userId).toList(), clock.instant()).size();
        registry.counter("xentree.erasure.users").increment(erased);
    }
}
