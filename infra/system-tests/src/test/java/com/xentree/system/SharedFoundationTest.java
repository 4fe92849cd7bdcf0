package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each service carries its own copy of the messaging, security and error-mapping foundation, so it
 * builds and deploys alone (the only shared module holds event contracts, free of framework code).
 * This test keeps the copies from drifting: apart from the package name they must be identical.
 */
class SharedFoundationTest {

    static final Map<String, String> SERVICES = Map.of(
            "analytics-service", "analytics", "profile-service", "profile", "admin-stats-service", "adminstats");
    static final List<String> SHARED = List.of("messaging", "security", "rest/ApiException.java", "rest/ErrorBody.java",
            "rest/ErrorMapper.java", "rest/RouterErrors.java", "config/MessagingConfig.java", "config/ClockProducer.java",
            "config/ReflectionConfig.java", "config/JsonConfig.java", "health/MessagingHealthCheck.java");

    @Test
    void theFoundationIsTheSameInEveryService() throws IOException {
        Path reference = source("analytics-service");
        TreeSet<String> files = sharedFiles(reference);
        assertTrue(files.size() >= 20, "expected the shared foundation under " + reference + ", found " + files);
        for (String service : SERVICES.keySet()) {
            Path dir = source(service);
            assertEquals(files, sharedFiles(dir), service + " has other foundation files than analytics-service");
            for (String file : files) {
                assertEquals(normalised(reference.resolve(file), "analytics"), normalised(dir.resolve(file), SERVICES.get(service)),
                        service + "/" + file + " differs from analytics-service's copy: change all three together");
            }
        }
        assertEquals(
                Files.readString(RunningSystem.root().resolve("analytics-service/src/main/resources/db/migration/V1__messaging.sql")),
                Files.readString(RunningSystem.root().resolve("profile-service/src/main/resources/db/migration/V1__messaging.sql")));
        assertEquals(
                Files.readString(RunningSystem.root().resolve("analytics-service/src/main/resources/db/migration/V1__messaging.sql")),
                Files.readString(RunningSystem.root().resolve("admin-stats-service/src/main/resources/db/migration/V1__messaging.sql")));
    }

    private static Path source(String service) {
        return RunningSystem.root().resolve(service).resolve("src/main/java/com/xentree").resolve(SERVICES.get(service));
    }

    private static TreeSet<String> sharedFiles(Path base) throws IOException {
        TreeSet<String> files = new TreeSet<>();
        for (String entry : SHARED) {
            Path p = base.resolve(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).forEach(f -> files.add(base.relativize(f).toString()));
                }
            } else if (Files.exists(p)) {
                files.add(entry);
            }
        }
        return files;
    }

    private static String normalised(Path file, String pkg) throws IOException {
        return Files.readString(file).replace("com.xentree." + pkg, "com.xentree.SERVICE");
    }
}
