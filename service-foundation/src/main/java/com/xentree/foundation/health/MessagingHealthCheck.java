package com.xentree.foundation.health;

import com.xentree.foundation.messaging.OutboxRelay;
import com.xentree.foundation.messaging.TopicConsumers;
import com.xentree.foundation.security.ApiKeyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when no topic consumer is failing, the outbox relay publishes, and the API key registry is current: every
 * key known and the broker answering (it asks every few seconds; the broker's readiness check, without an admin
 * client of its own).
 */
@Readiness
@ApplicationScoped
public class MessagingHealthCheck implements HealthCheck {

    @Inject
    TopicConsumers consumers;
    @Inject
    OutboxRelay relay;
    @Inject
    ApiKeyRegistry apiKeys;

    @Override
    public HealthCheckResponse call() {
        List<String> down = consumers.failingTopics();
        return HealthCheckResponse.named("messaging")
                .status(down.isEmpty() && relay.healthy() && apiKeys.current())
                .withData("consumers_down", String.join(",", down))
                .withData("outbox_relay", relay.healthy() ? "up" : "down")
                .withData("api_keys_loaded", apiKeys.caughtUp())
                .withData("broker_silent_ms", apiKeys.brokerSilence().toMillis())
                .build();
    }
}
