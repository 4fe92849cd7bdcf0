package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xentree.system.RunningSystem.Service;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated sweep of bad input over every operation of every service's OpenAPI document, sent
 * with platform-admin credentials so that requests get past authentication to the parsing and
 * validation: malformed and mistyped bodies, missing and extra fields, huge and negative numbers,
 * impossible dates and zones, long strings, invalid UTF-8, SQL and path meta-characters, oversized
 * bodies and bad paging. No answer may be a 5xx; every 4xx must be JSON with a "detail"; no answer
 * may carry a stack trace; a query or path value its parameter's type cannot take (a number, UUID,
 * date or enum per the OpenAPI document) must be a 400 whose detail names the parameter. (Request lines over 4 KB are refused by the HTTP layer, 414/431, before
 * the application; the gateway caps them earlier.)
 */
@ExtendWith(SystemExtension.class)
class BadInputIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] BAD_SCALARS = {"-1", "0", "99999999999999999999999", "1e308", "abc", "' OR 1=1 --", "../../etc/passwd",
        "2026-02-30", "Mars/Olympus", "%00", "x".repeat(2000), "\u0000\u202e\ud83d\ude00", "\u202e\ud83d\ude00"};
    static final JsonNode[] BAD_VALUES = {
        JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("x".repeat(10_000)),
        JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(new java.math.BigInteger("99999999999999999999999")),
        JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.textNode("'; drop table app_user; --"),
        JsonNodeFactory.instance.textNode("2026-02-30"), JsonNodeFactory.instance.textNode("Mars/Olympus"),
        JsonNodeFactory.instance.arrayNode().add(1).add("two"), JsonNodeFactory.instance.objectNode().put("nested", true),
        JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.textNode(""),
        JsonNodeFactory.instance.textNode("nul\u0000inside")};

    record Outcome(String request, int status, String body) {
    }

    final List<Outcome> failures = new ArrayList<>();
    int tried;

    @Test
    void noBadInputGetsA5xxAndEveryRefusalIsJson() throws Exception {
        String token = Tokens.token("sweep-admin-" + UUID.randomUUID(), "admin");
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            JsonNode doc = JSON.readTree(get(s.url() + "/q/openapi?format=json"));
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    sweep(s, doc, method, path.getKey(), op.getValue(), token, statuses);
                }
            }
        }
        System.out.println("bad-input sweep: " + tried + " requests, statuses " + statuses);
        assertEquals(List.of(), failures.stream().limit(20).map(Outcome::toString).toList(), failures.size() + " bad answers");
        assertTrue(tried > 1500, "only " + tried + " requests");
    }

    private void sweep(Service s, JsonNode doc, String method, String template, JsonNode op, String token, Map<String, Integer> statuses)
            throws Exception {
        List<String> queryNames = new ArrayList<>();
        Map<String, JsonNode> querySchemas = new LinkedHashMap<>();
        List<JsonNode> pathSchemas = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                queryNames.add(p.get("name").asText());
                querySchemas.put(p.get("name").asText(), resolve(doc, p.path("schema")));
            } else if ("path".equals(p.path("in").asText())) {
                pathSchemas.add(resolve(doc, p.path("schema")));
            }
        }
        String goodPath = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        // bad path parameters
        if (template.contains("{")) {
            for (String bad : BAD_SCALARS) {
                // a value the path's parameter types cannot take is the caller's mistake (400), not a missing resource
                boolean refused = bad.matches("[A-Za-z0-9.+-]{1,100}") && pathSchemas.stream().anyMatch(schema -> unconvertible(schema, bad));
                send(s, method, template.replaceAll("\\{[^}]+}", URLEncoder.encode(bad, StandardCharsets.UTF_8).replace("+", "%20")), token,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(), "application/json", statuses,
                        refused ? "path parameter" : null);
            }
        }
        // bad query parameters, one at a time
        for (String q : queryNames) {
            for (String bad : BAD_SCALARS) {
                send(s, method, goodPath + "?" + q + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), token,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(), "application/json", statuses,
                        unconvertible(querySchemas.get(q), bad) && !hasControlCharacters(bad) ? "query parameter '" + q + "'" : null);
            }
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            return;
        }
        // whole bodies that are not what was asked for
        List<byte[]> bodies = new ArrayList<>(List.of("{".getBytes(), "[]".getBytes(), "null".getBytes(), "\"text\"".getBytes(),
                "{\"a\":}".getBytes(), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, new byte[0],
                ("{\"x\":\"" + "y".repeat(3 * 1024 * 1024) + "\"}").getBytes()));
        for (byte[] body : bodies) {
            send(s, method, goodPath, token, body, "application/json", statuses);
        }
        send(s, method, goodPath, token, "a=b".getBytes(), "text/plain", statuses);
        // field by field: the schema's fields, each replaced by every bad value, plus an unknown field
        ObjectNode base = exampleBody(doc, op);
        if (base == null) {
            return;
        }
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            ObjectNode missing = base.deepCopy();
            missing.remove(field);
            send(s, method, goodPath, token, JSON.writeValueAsBytes(missing), "application/json", statuses);
            for (JsonNode bad : BAD_VALUES) {
                ObjectNode body = base.deepCopy();
                body.set(field, bad);
                send(s, method, goodPath, token, JSON.writeValueAsBytes(body), "application/json", statuses);
            }
        }
        ObjectNode extra = base.deepCopy();
        extra.put("unexpected_field", "x");
        send(s, method, goodPath, token, JSON.writeValueAsBytes(extra), "application/json", statuses);
    }

    /** A body with every property of the operation's request schema set to a plausible value. */
    private static ObjectNode exampleBody(JsonNode doc, JsonNode op) {
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        schema = resolve(doc, schema);
        if (schema == null || !schema.has("properties")) {
            return null;
        }
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode type = resolve(doc, p.getValue());
            switch (type == null ? "string" : type.path("type").asText("string")) {
                case "integer", "number" -> body.put(p.getKey(), 1);
                case "boolean" -> body.put(p.getKey(), true);
                case "array" -> body.putArray(p.getKey());
                case "object" -> body.putObject(p.getKey());
                default -> body.put(p.getKey(), "2026-01-01".equals(type == null ? null : type.path("format").asText()) ? "2026-01-01" : "x");
            }
        }
        return body;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            String[] parts = schema.get("$ref").asText().replace("#/", "").split("/");
            JsonNode n = doc;
            for (String part : parts) {
                n = n.path(part);
            }
            return n.isMissingNode() ? null : n;
        }
        return schema;
    }

    /**
     * Whether the value cannot be converted to the parameter's declared type (number, UUID, date,
     * enum). Booleans follow JAX-RS: "true" in any case is true, anything else false.
     */
    static boolean unconvertible(JsonNode schema, String value) {
        if (schema == null) {
            return false;
        }
        if (schema.has("enum")) {
            for (JsonNode allowed : schema.get("enum")) {
                if (allowed.asText().equalsIgnoreCase(value)) {
                    return false;
                }
            }
            return true;
        }
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        try {
            switch (type + "/" + format) {
                case "integer/int32" -> Integer.parseInt(value.strip());
                case "integer/int64", "integer/" -> Long.parseLong(value.strip());
                case "number/", "number/double", "number/float" -> Double.parseDouble(value.strip());
                case "string/uuid" -> UUID.fromString(value.strip());
                case "string/date" -> java.time.LocalDate.parse(value.strip());
                default -> {
                    return false;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The HTTP layer refuses control characters in a request line before any parameter is read (a 400 of its own). */
    static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(c -> c < 0x20);
    }

    private void send(Service s, String method, String path, String token, byte[] body, String contentType, Map<String, Integer> statuses)
            throws Exception {
        send(s, method, path, token, body, contentType, statuses, null);
    }

    /** {@code refusedParameter}: when not null, the answer must be 400 with a detail naming that parameter. */
    private void send(Service s, String method, String path, String token, byte[] body, String contentType, Map<String, Integer> statuses,
            String refusedParameter) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r;
        try {
            r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            failures.add(new Outcome(method + " " + s.dir + path, -1, e.toString()));
            return;
        }
        tried++;
        statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
        String shown = method + " " + s.dir + abbreviate(path) + (body == null ? "" : " " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        boolean json = r.statusCode() < 400 || r.body().startsWith("{\"detail\":");
        boolean trace = r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at com.xentree");
        boolean misnamed = refusedParameter != null
                && (r.statusCode() != 400 || !r.body().contains("Invalid " + refusedParameter));
        if (r.statusCode() >= 500 || !json || trace || misnamed) {
            failures.add(new Outcome(shown + (misnamed ? " (expected 400 naming the " + refusedParameter + ")" : ""), r.statusCode(),
                    abbreviate(r.body())));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
