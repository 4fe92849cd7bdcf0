package com.xentree.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Ids of events derived from what caused them: announcing the same cause again (a replay into an
 * empty database, a retried transaction) gives the same id, so consumers skip it. Laid out as UUID
 * version 7: the first 48 bits are the cause's time in milliseconds, so the ids of a topic sort by
 * time and a consumer's ledger of them ({@code processed_event}, keyed by topic and id) grows at its
 * end, instead of on a random page of an index larger than the database's cache (docs/benchmarks.md,
 * "Where PostgreSQL's time goes"). The other 74 bits come from an MD5 of the name: two causes share an
 * id only if they share their millisecond and those bits.
 */
public final class EventIds {

    private static final long MILLIS_48 = 0xFFFF_FFFF_FFFFL;

    private EventIds() {
    }

    /** The id of the event {@code name} (topic and cause, e.g. {@code xp.awarded.v1:activity:<id>}) caused at {@code at}. */
    public static UUID derived(Instant at, String name) {
        ByteBuffer hash = ByteBuffer.wrap(md5(name));
        long high = hash.getLong();
        long low = hash.getLong();
        long msb = (at.toEpochMilli() & MILLIS_48) << 16 | 0x7000L | (high & 0x0FFFL); // version 7
        long lsb = low & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(msb, lsb);
    }

    private static byte[] md5(String name) {
        try {
            return MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
