package com.xentree.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.xentree.system.RunningSystem.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Services do not migrate at start; the migration step (the same jar with QUARKUS_INIT_AND_EXIT) does. A replica
 * started on a database its migrations have not reached yet serves its health endpoints but is not ready, and
 * becomes ready by itself once the migration step has run.
 */
@ExtendWith(SystemExtension.class)
class MigrationStepIT {

    static final String DATABASE = "xentree_profile_replay_it";
    static final int PORT = 18095;

    @Test
    void aReplicaOnAnUnmigratedDatabaseIsNotReadyUntilTheMigrationStepRan() throws Exception {
        try (Connection c = RunningSystem.database(DATABASE); Statement st = c.createStatement()) {
            st.execute("drop schema public cascade");
            st.execute("create schema public");
        }
        Process replica = RunningSystem.startUnmigrated(Service.PROFILE, PORT, DATABASE, "profile-migration-it");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> notReady = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> ready(http), r -> r.body().contains("pending_migrations") && r.body().contains("\"V"));
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "alive, only not ready");

            RunningSystem.migrate(Service.PROFILE, PORT, DATABASE);

            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> ready(http), r -> r.statusCode() == 200);
            assertThat(ready.body(), containsString("\"schema\""));
        } finally {
            replica.destroy();
            if (!replica.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                replica.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> ready(HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url() {
        return "http://127.0.0.1:" + PORT;
    }
}
