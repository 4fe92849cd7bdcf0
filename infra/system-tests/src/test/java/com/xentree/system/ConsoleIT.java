package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xentree.system.RunningSystem.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console in a real headless Chromium: the real gateway (gateway-config/, serving
 * console/ at /console/) in front of the three running services, filled with generated demo data
 * through the public APIs (infra/tools/DemoData), then console/tests/console.test.mjs
 * (playwright-core driving Debian's chromium) checks what a user sees against the APIs' answers.
 * Screenshots of each view are written to target/console-screenshots.
 */
@ExtendWith(SystemExtension.class)
class ConsoleIT {

    static final int PORT = 18182;
    static final String GATEWAY = "http://127.0.0.1:" + PORT;
    static final Path ROOT = RunningSystem.root();
    static final Path DIR = ROOT.resolve("infra/system-tests/target/gateway-console");
    static final Path TARGET = ROOT.resolve("infra/system-tests/target");
    /** The key pair the services of the system tests trust. */
    static final Path KEYS = ROOT.resolve("test-support/src/main/resources/test-keys");

    @BeforeAll
    static void gateway() throws Exception {
        run(ROOT, List.of("bash", ROOT.resolve("infra/gateway.sh").toString(), "start", "--dir", DIR.toString(), "--port",
                Integer.toString(PORT), "--profile", "127.0.0.1:" + Service.PROFILE.port, "--analytics", "127.0.0.1:" + Service.ANALYTICS.port,
                "--admin-stats", "127.0.0.1:" + Service.ADMIN_STATS.port), Map.of(), 60);
    }

    @AfterAll
    static void stop() throws Exception {
        run(ROOT, List.of("bash", ROOT.resolve("infra/gateway.sh").toString(), "stop", "--dir", DIR.toString()), Map.of(), 30);
    }

    static String run(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes()));
            } catch (IOException e) {
                out.append(e);
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        reader.join();
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out.toString();
    }

    @Test
    void theConsoleServedByTheGatewayShowsWhatTheApisSay() throws Exception {
        String chromium = RunningSystem.env("CHROMIUM", "/usr/bin/chromium");
        assertTrue(Files.isExecutable(Path.of(chromium)), chromium + " is missing: apt-get install -y chromium (.ci/run does)");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"js/app.js\">"));
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/console/js/app.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), js.headers().toString());
        HttpResponse<String> tests = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/console/tests/console.test.mjs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, tests.statusCode(), "the console's tests are not served");

        // a small demo data set through this gateway: users, organizations, teams, members, two months of activity
        Path tools = TARGET.resolve("console-tools");
        Files.createDirectories(tools);
        String javaHome = System.getProperty("java.home");
        run(ROOT, List.of(Path.of(javaHome, "bin", "javac").toString(), "-d", tools.toString(), "infra/tools/MintToken.java", "infra/tools/DemoData.java"),
                Map.of(), 120);
        String demo = run(ROOT, List.of(Path.of(javaHome, "bin", "java").toString(), "-cp", tools.toString(), "DemoData", "--keys", KEYS.toString(),
                "--base", GATEWAY, "--users", "24", "--orgs", "2", "--days", "60", "--seed", "22"), Map.of(), 300);
        assertTrue(demo.contains("demo data: 24 users"), demo);

        // the browser test (npm ci of playwright-core when the console's node_modules is missing)
        Path console = ROOT.resolve("console");
        if (!Files.isDirectory(console.resolve("node_modules/playwright-core"))) {
            run(console, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
        }
        List<String> cmd = new ArrayList<>(List.of("node", "tests/console.test.mjs", "--base", GATEWAY, "--keys", KEYS.toString(),
                "--screenshots", TARGET.resolve("console-screenshots").toString()));
        String out = run(console, cmd, Map.of("CHROMIUM", chromium), 240);
        System.out.println(out);
        assertTrue(out.contains(" 0 failed"), out);
    }
}
