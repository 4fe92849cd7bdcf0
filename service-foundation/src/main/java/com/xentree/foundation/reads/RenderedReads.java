package com.xentree.foundation.reads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.foundation.config.ReadsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A learner's rendered answers, kept per read and user with the <em>version</em> of the rows they were
 * computed from: a string the service reads in one key lookup per request (the user's zone and
 * "today" in it, and the row versions, {@code xmin}, of the rows the consumers maintain for the
 * read). While the version is the same the answer is the same, so it is served as the bytes
 * rendered last time, and a client that sends the matching {@code If-None-Match} gets a 304. A new
 * version (an event applied, a zone changed, the user's day turned) computes the answer afresh,
 * exactly as without this class.
 * <p>
 * The version is read before the answer is computed, so an answer is never filed under a newer
 * version than the data it saw (at worst a change that lands in between costs one more computation).
 * Bounded by the bytes held ({@code xentree.reads.max-bytes}); beyond it, entries are dropped.
 */
@ApplicationScoped
public class RenderedReads {

    private record Rendered(String version, byte[] body) {
    }

    @Inject
    ObjectMapper json;
    @Inject
    ReadsConfig config;

    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * The answer of {@code read} for {@code userId} at {@code version}: 304 when {@code ifNoneMatch}
     * names it, the remembered bytes when they are of this version, else {@code compute}'s answer
     * (remembered for next time).
     */
    public Response answer(String read, String userId, String version, String ifNoneMatch, Supplier<Object> compute) {
        EntityTag tag = tag(read, userId, version);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(tag).header("Cache-Control", "private, no-cache").build();
        }
        return Response.ok(body(read, userId, version, compute), MediaType.APPLICATION_JSON_TYPE).tag(tag)
                .header("Cache-Control", "private, no-cache").build();
    }

    /**
     * The answer's bytes alone, for reads that must not be cached or revalidated elsewhere (a public
     * profile: a privacy change must hide it at once, so its version includes the visibility and
     * every request reads it).
     */
    public byte[] body(String read, String userId, String version, Supplier<Object> compute) {
        String key = read + '\u0000' + userId;
        Rendered hit = rendered.get(key);
        if (hit == null || !hit.version().equals(version)) {
            hit = new Rendered(version, render(compute.get()));
            remember(key, hit);
        }
        return hit.body();
    }

    private byte[] render(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void remember(String key, Rendered r) {
        if (config.maxBytes() <= 0) {
            return;
        }
        Rendered old = rendered.put(key, r);
        long held = bytes.addAndGet(r.body().length - (old == null ? 0 : old.body().length));
        if (held > config.maxBytes()) {
            evict(config.maxBytes() * 3 / 4);
        }
    }

    /** Drops entries (in the map's order, which is as good as random here) until at most {@code target} bytes are held. */
    private void evict(long target) {
        Iterator<Rendered> it = rendered.values().iterator();
        while (bytes.get() > target && it.hasNext()) {
            Rendered r = it.next();
            it.remove();
            bytes.addAndGet(-r.body().length);
        }
    }

    /** Strong: the version names exactly one answer; hashed, so row versions and ids do not show. */
    private static EntityTag tag(String read, String userId, String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((read + '\u0000' + userId + '\u0000' + version).getBytes(StandardCharsets.UTF_8));
            return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        String quoted = '"' + tag.getValue() + '"';
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(quoted) || c.equals("W/" + quoted)) {
                return true;
            }
        }
        return false;
    }
}
