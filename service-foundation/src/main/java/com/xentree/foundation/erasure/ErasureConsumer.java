package com.xentree.foundation.erasure;

import com.xentree.events.TopicContract;
import com.xentree.events.UserErased;
import com.xentree.foundation.messaging.ContractHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Every service reads {@code user.erasure.v1} and erases the announced users here (profile-service,
 * which announces them, has erased them already: for it this is a no-op, except after a rebuild on an
 * empty database, where it restores the list before replayed events can bring anyone back).
 */
@ApplicationScoped
public class ErasureConsumer implements ContractHandler<UserErased> {

    @Inject
    ErasureList erasures;
    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;

    @Override
    public TopicContract<UserErased> contract() {
        return TopicContract.USER_ERASURE;
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
