package com.xentree.foundation.reads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.foundation.config.ReadsConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Learners' rendered answers, kept per read and key with the <em>owner</em> whose data they show: while
 * no change of the owner came in ({@link ReadChanges}) and the answer's own moment has not passed
 * (the owner's next midnight, when "today" turns; a boost starting or ending), the answer is the
 * same, so it is served as the bytes rendered last time, from memory, and a client that sends the
 * matching {@code If-None-Match} gets a 304. Otherwise it is computed afresh, exactly as without this
 * class.
 * <p>
 * The change epoch is read before the answer is computed, so an answer is never filed as newer than
 * the data it saw (at worst a change that lands in between costs one more computation). Bounded by
 * the bytes held ({@code xentree.reads.max-bytes}); beyond it, entries are dropped.
 */
@ApplicationScoped
public class RenderedReads {

    /**
     * What a read computed: the answer, whose data it shows ({@code owner}: a user id) and the moment
     * from which it must be computed afresh even without a change.
     */
    public record Rendition(Object answer, String owner, Instant validUntil) {
    }

    private record Rendered(String owner, long epoch, Instant computedAt, Instant validUntil, byte[] body, EntityTag tag) {

        /** Between its computation and its own end (a clock set back, as tests do, does not bring an old answer back). */
        boolean validAt(Instant now) {
            return !now.isBefore(computedAt) && now.isBefore(validUntil);
        }
    }

    @Inject
    ObjectMapper json;
    @Inject
    ReadsConfig config;
    @Inject
    ReadChanges changes;
    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * The answer of {@code read} for {@code key}: 304 when {@code ifNoneMatch} names it, the
     * remembered bytes while they are current, else {@code compute}'s answer at the given moment
     * (remembered for next time); empty when {@code compute} has none.
     */
    public Optional<Response> answer(String read, String key, String ifNoneMatch, Function<Instant, Optional<Rendition>> compute) {
        return rendered(read, key, compute).map(r -> response(r, ifNoneMatch));
    }

    /**
     * As {@link #answer}, for a non-blocking endpoint: an answer held and current is answered on the
     * calling (event-loop) thread without touching the database; anything else (computing, or
     * reading the change log first) happens on a worker thread.
     */
    public Uni<Optional<Response>> answerNonBlocking(String read, String key, String ifNoneMatch,
            Function<Instant, Optional<Rendition>> compute) {
        Rendered hit = rendered.get(read + '\u0000' + key);
        if (hit != null && hit.validAt(clock.instant()) && changes.unchangedSinceWithoutPolling(hit.owner(), hit.epoch())) {
            return Uni.createFrom().item(Optional.of(response(hit, ifNoneMatch)));
        }
        return Uni.createFrom().item(() -> answer(read, key, ifNoneMatch, compute)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Response response(Rendered r, String ifNoneMatch) {
        return response(r.body(), r.tag(), ifNoneMatch);
    }

    /** A rendered JSON answer with its tag: 304 when {@code ifNoneMatch} names it; revalidated by the client on every use. */
    public static Response response(byte[] body, EntityTag tag, String ifNoneMatch) {
        return ifNoneMatch != null && matches(ifNoneMatch, tag)
                ? Response.notModified(tag).header("Cache-Control", "private, no-cache").build()
                : Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    /** The answer's bytes alone, for reads that are not revalidated (a public profile); empty when {@code compute} has none. */
    public Optional<byte[]> body(String read, String key, Function<Instant, Optional<Rendition>> compute) {
        return rendered(read, key, compute).map(Rendered::body);
    }

    private Optional<Rendered> rendered(String read, String key, Function<Instant, Optional<Rendition>> compute) {
        String k = read + '\u0000' + key;
        Instant now = clock.instant();
        Rendered hit = rendered.get(k);
        if (hit != null && hit.validAt(now) && changes.unchangedSince(hit.owner(), hit.epoch())) {
            return Optional.of(hit);
        }
        long epoch = changes.epoch();
        Optional<Rendered> fresh = compute.apply(now).map(r -> {
            byte[] body = render(r.answer());
            return new Rendered(r.owner(), epoch, now, r.validUntil(), body, tag(k, body));
        });
        fresh.filter(r -> changes.unchangedSince(r.owner(), epoch)).ifPresentOrElse(r -> remember(k, r), () -> forget(k));
        return fresh;
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

    private void forget(String key) {
        Rendered old = rendered.remove(key);
        if (old != null) {
            bytes.addAndGet(-old.body().length);
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

    /** Strong, of the bytes and whose answer they are (another user's equal answer is not this one). */
    public static EntityTag tag(String key, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest(body)).substring(0, 22));
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
