package com.xentree.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.system.RunningSystem.Service;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real nginx with gateway-config/ in front of the three running services: every documented endpoint
 * is routed to the service that documents it, and the gateway's own answers (404, 413, 429, 502)
 * are JSON, with request ids passed through to the services' logs.
 */
@ExtendWith(SystemExtension.class)
class GatewayIT {

    static final int PORT = 18180;
    static final int DEAD_PORT = 18181;
    static final String GATEWAY = "http://127.0.0.1:" + PORT;
    static final String ORIGIN = "https://app.xentree.test";
    static final Map<String, Service> UPSTREAMS = Map.of("profile_service", Service.PROFILE, "analytics_service", Service.ANALYTICS,
            "admin_stats_service", Service.ADMIN_STATS);
    static final Path DIR = RunningSystem.root().resolve("infra/system-tests/target/gateway");
    static final Path DEAD_DIR = RunningSystem.root().resolve("infra/system-tests/target/gateway-dead");

    /** One location of routes.conf: exact or prefix, and its upstream. */
    record Route(String path, boolean exact, String upstream) {

        boolean matches(String p) {
            return exact ? p.equals(path) : p.startsWith(path);
        }
    }

    static List<Route> routes;

    @BeforeAll
    static void gateway() throws Exception {
        gateway("start", DIR, PORT, "127.0.0.1:" + Service.PROFILE.port, "127.0.0.1:" + Service.ANALYTICS.port,
                "127.0.0.1:" + Service.ADMIN_STATS.port);
        // the same configuration in front of nothing: every route should answer 502 in JSON
        gateway("start", DEAD_DIR, DEAD_PORT, "127.0.0.1:1", "127.0.0.1:1", "127.0.0.1:1");
        routes = routes(Files.readString(RunningSystem.root().resolve("gateway-config/routes.conf")));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway("stop", DIR, PORT, "", "", "");
        gateway("stop", DEAD_DIR, DEAD_PORT, "", "", "");
    }

    static void gateway(String command, Path dir, int port, String profile, String analytics, String adminStats) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", RunningSystem.root().resolve("infra/gateway.sh").toString(), command, "--dir",
                dir.toString()));
        if (command.equals("start")) {
            cmd.addAll(List.of("--port", Integer.toString(port), "--profile", profile, "--analytics", analytics, "--admin-stats", adminStats,
                    "--origin", ORIGIN));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gateway " + command + " failed: " + out);
        }
    }

    static List<Route> routes(String conf) {
        List<Route> list = new ArrayList<>();
        Matcher m = Pattern.compile("location\\s+(=\\s+)?(/\\S*)\\s*\\{(.*?)\\n?}", Pattern.DOTALL).matcher(conf);
        while (m.find()) {
            Matcher up = Pattern.compile("proxy_pass\\s+http://(\\w+);").matcher(m.group(3));
            if (up.find()) {
                list.add(new Route(m.group(2), m.group(1) != null, up.group(1)));
            }
        }
        return list;
    }

    /** The route nginx picks: an exact match, else the longest prefix. */
    static Route routeFor(String path) {
        return routes.stream().filter(r -> r.exact() && r.matches(path)).findFirst()
                .orElseGet(() -> routes.stream().filter(r -> !r.exact() && r.matches(path))
                        .max(Comparator.comparingInt(r -> r.path().length())).orElse(null));
    }

    /** Every documented operation of a service: method and path with its parameters filled in. */
    static List<String[]> operations(Service s) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode paths = new ObjectMapper().readTree(r.body()).get("paths");
        List<String[]> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (Iterator<String> methods = e.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    ops.add(new String[] {method, e.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString())});
                }
            }
        }
        return ops;
    }

    @Test
    void everyDocumentedEndpointIsRoutedToTheServiceThatDocumentsItAndEveryRouteIsUsed() throws Exception {
        Map<Route, Integer> used = new LinkedHashMap<>();
        routes.forEach(r -> used.put(r, 0));
        int checked = 0;
        for (Service s : Service.values()) {
            String log = s.dir + ".log";
            for (String[] op : operations(s)) {
                Route route = routeFor(op[1]);
                assertNotNull(route, op[0] + " " + op[1] + " of " + s.dir + " has no route");
                assertEquals(s, UPSTREAMS.get(route.upstream()), op[0] + " " + op[1] + " is routed to " + route.upstream());
                used.merge(route, 1, Integer::sum);
                // through nginx, with a request id the service must log
                String rid = "gw-" + UUID.randomUUID();
                Response r = given().header("X-Request-Id", rid).contentType("application/json").body("{}")
                        .request(op[0], GATEWAY + op[1]);
                assertTrue(r.statusCode() != 502 && r.statusCode() != 504, op[0] + " " + op[1] + " -> " + r.statusCode());
                assertEquals(rid, r.header("X-Request-Id"));
                assertTrue(r.asString().startsWith("{") || r.asString().startsWith("["), op[0] + " " + op[1] + ": " + r.asString());
                awaitLogged(log, rid, op[0] + " " + op[1]);
                checked++;
            }
        }
        for (Map.Entry<Route, Integer> e : used.entrySet()) {
            assertTrue(e.getValue() > 0, "route " + e.getKey() + " leads to no documented endpoint");
        }
        assertTrue(checked > 40, "only " + checked + " operations found");
    }

    private static void awaitLogged(String log, String rid, String what) throws Exception {
        Path file = RunningSystem.root().resolve("infra/system-tests/target/service-logs").resolve(log);
        for (int i = 0; i < 50; i++) {
            if (Files.readString(file).contains("rid=" + rid)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": request id " + rid + " not in " + log);
    }

    @Test
    void unknownPathsOversizedBodiesAndDownServicesAnswerInJson() {
        given().get(GATEWAY + "/wp-admin").then().statusCode(404).body("detail", equalTo("Not found"));
        given().contentType("application/json").body("{\"events\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}")
                .post(GATEWAY + "/api/v1/events").then().statusCode(413).body("detail", containsString("too large"));
        given().get("http://127.0.0.1:" + DEAD_PORT + "/api/xp/profile").then().statusCode(502)
                .header("Retry-After", equalTo("5")).body("detail", containsString("unavailable"));
    }

    @Test
    void aClientOverItsRateGets429InJsonWithRetryAfter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String key = "xt_ratelimit" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_not-a-real-secret-at-all";
        int limited = 0;
        String body = null;
        String retryAfter = null;
        for (int i = 0; i < 400 && limited == 0; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/xp/streak")).header("X-API-Key", key).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 429) {
                limited++;
                body = r.body();
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertTrue(limited > 0, "no 429 after 400 requests");
        assertTrue(body.contains("\"detail\""), body);
        assertEquals("1", retryAfter);
        // another client is not affected
        given().get(GATEWAY + "/api/xp/streak").then().statusCode(401);
    }

    @Test
    void requestIdsPassThroughOrAreCreated() {
        given().header("X-Request-Id", "client-chosen-42").get(GATEWAY + "/api/xp/streak").then().header("X-Request-Id", "client-chosen-42");
        given().header("X-Request-Id", "bad id with spaces").get(GATEWAY + "/api/xp/streak").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
        given().get(GATEWAY + "/api/xp/streak").then().header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }

    /** An erasure shows through the gateway as soon as the one-second micro-cache lets it: the cache's lifetime, with a margin. */
    static final Duration ERASURE_LAG = Duration.ofMillis(2500);

    @Test
    void anErasedUsersPublicProfileIsGoneThroughTheGatewayWithinTheMicroCache() throws Exception {
        String id = "gw-erased-" + UUID.randomUUID().toString().substring(0, 8);
        upsert(id, id);
        String path = GATEWAY + "/api/xp/public-profile/" + id;
        given().get(path).then().statusCode(200).body("username", equalTo(id));
        given().get(path).then().statusCode(200).header("X-Cache-Status", equalTo("HIT")); // the gateway holds a copy

        given().auth().oauth2(Tokens.token("gw-ops", "admin")).delete(GATEWAY + "/api/v1/users/" + id).then().statusCode(204);
        long erased = System.nanoTime();
        given().get(Service.PROFILE.url() + "/api/xp/public-profile/" + id).then().statusCode(404); // the service: at once
        Duration lag = awaitStatus(path, 404, erased);
        assertTrue(lag.compareTo(ERASURE_LAG) <= 0, "erased profile still served " + lag.toMillis() + " ms after the erasure");
        given().get(path).then().statusCode(404);
    }

    @Test
    void corsForTheFrontEndOnlyAndAShortlyCacheablePublicProfile() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET").options(GATEWAY + "/api/xp/profile").then()
                .statusCode(204).header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("X-API-Key"));
        given().header("Origin", "https://evil.example").get(GATEWAY + "/api/xp/profile").then().statusCode(401)
                .header("Access-Control-Allow-Origin", nullValue());
        given().get(GATEWAY + "/api/xp/public-profile/nobody-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(404)
                .header("Cache-Control", "public, max-age=1").body("detail", containsString("No public profile"));
    }

    /** Privacy wins over the gateway's cache: the longest a change may take to show through the gateway. */
    static final Duration PRIVACY_LAG = Duration.ofSeconds(5);

    @Test
    void aProfileTurnedPrivateIsGoneThroughTheGatewayWithinFiveSeconds() throws Exception {
        String user = "gw-private-" + UUID.randomUUID();
        String username = "gwp" + UUID.randomUUID().toString().substring(0, 8);
        upsert(user, username);
        String path = GATEWAY + "/api/xp/public-profile/" + username;
        given().get(path).then().statusCode(200).body("username", equalTo(username));
        // the cache still pays: an immediate second request is answered by the gateway
        given().get(path).then().statusCode(200).header("X-Cache-Status", equalTo("HIT"));

        given().auth().oauth2(Tokens.token(user)).contentType("application/json").body("{\"public_profile\": false}")
                .patch(GATEWAY + "/api/v1/users/me").then().statusCode(200).body("public_profile", equalTo(false));
        long changed = System.nanoTime();
        Duration lag = awaitStatus(path, 404, changed);
        assertTrue(lag.compareTo(PRIVACY_LAG) <= 0, "still public through the gateway " + lag.toMillis() + " ms after the change");
        // and it stays gone
        given().get(path).then().statusCode(404);
    }

    @Test
    void aRenamedUsersOldUsernameIsGoneThroughTheGatewayWithinFiveSeconds() throws Exception {
        String user = "gw-rename-" + UUID.randomUUID();
        String oldName = "gwo" + UUID.randomUUID().toString().substring(0, 8);
        String newName = "gwn" + UUID.randomUUID().toString().substring(0, 8);
        upsert(user, oldName);
        String oldPath = GATEWAY + "/api/xp/public-profile/" + oldName;
        given().get(oldPath).then().statusCode(200);
        given().get(oldPath).then().statusCode(200).header("X-Cache-Status", equalTo("HIT"));

        upsert(user, newName);
        long changed = System.nanoTime();
        Duration lag = awaitStatus(oldPath, 404, changed);
        assertTrue(lag.compareTo(PRIVACY_LAG) <= 0, "old username still served " + lag.toMillis() + " ms after the rename");
        given().get(GATEWAY + "/api/xp/public-profile/" + newName).then().statusCode(200).body("username", equalTo(newName));
    }

    /** Creates or renames a public user through the gateway, as a platform admin. */
    private static void upsert(String user, String username) {
        given().auth().oauth2(Tokens.token("gw-ops", "admin")).contentType("application/json")
                .body(Map.of("user_id", user, "username", username, "full_name", "Gateway Learner", "public_profile", true))
                .post(GATEWAY + "/api/v1/users").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** Polls through the gateway until the path answers {@code status}; the time it took since {@code since} (nanoTime). */
    private static Duration awaitStatus(String url, int status, long since) throws InterruptedException {
        Duration limit = PRIVACY_LAG.plusSeconds(5); // poll a little beyond the limit, so a failure says by how much
        while (System.nanoTime() - since < limit.toNanos()) {
            if (given().get(url).statusCode() == status) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        return limit;
    }
}
