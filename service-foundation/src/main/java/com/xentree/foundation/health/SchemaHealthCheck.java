package com.xentree.foundation.health;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

/**
 * Ready only once the database holds every migration this build brings. Services do not migrate at start (the
 * migration step does, docs/operations.md), so a replica that starts before its migration Job has finished must
 * not take traffic. Flyway's first look at the schema runs beside the start-up, not in its way (a probe that comes
 * earlier waits for it); while migrations are pending, each probe looks again, so the replica becomes ready as soon
 * as the Job is done.
 */
@Readiness
@ApplicationScoped
public class SchemaHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SchemaHealthCheck.class);

    @Inject
    Flyway flyway;
    private volatile boolean current;
    private volatile String pending = "not checked yet";

    void start(@Observes StartupEvent event) {
        Thread.ofPlatform().name("schema-check").start(this::check);
    }

    @Override
    public HealthCheckResponse call() {
        if (!current) {
            check();
        }
        return HealthCheckResponse.named("schema")
                .status(current)
                .withData("pending_migrations", current ? "" : pending)
                .build();
    }

    private synchronized void check() {
        if (current) {
            return;
        }
        try {
            MigrationInfo[] behind = flyway.info().pending();
            pending = Arrays.stream(behind).map(SchemaHealthCheck::name).collect(Collectors.joining(", "));
            current = behind.length == 0;
            if (!current) {
                LOG.warnf("database schema behind this build, not ready until the migration step ran: %s", pending);
            }
        } catch (RuntimeException e) {
            pending = "schema unknown: " + e.getMessage();
        }
    }

    private static String name(MigrationInfo m) {
        return m.getVersion() == null ? m.getDescription() : "V" + m.getVersion();
    }
}
