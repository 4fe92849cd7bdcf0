package com.xentree.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final String NAME = "xp.awarded.v1:activity:00000000-0000-0000-0000-000000000001";

    @Test
    void isVersion7WithTheTimeInFrontAndTheNamesMd5Behind() {
        // computed independently (Python: hashlib.md5 of the name, the bytes placed by hand)
        UUID id = EventIds.derived(Instant.parse("2026-01-02T03:04:05.678Z"), NAME);
        assertEquals(UUID.fromString("019b7ca9-8f2e-76f6-babb-b7e07328e69c"), id);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(1767323045678L, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void theSameCauseGetsTheSameIdAndAnotherCauseAnother() {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        assertEquals(EventIds.derived(at, NAME), EventIds.derived(at, NAME));
        assertNotEquals(EventIds.derived(at, NAME), EventIds.derived(at, NAME.replace("01", "02")));
    }

    @Test
    void idsSortByTimeAsPostgresqlComparesUuidsByteByByte() {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        UUID earlier = EventIds.derived(at, "xp.awarded.v1:activity:zzz");
        UUID later = EventIds.derived(at.plusMillis(1), "xp.awarded.v1:activity:aaa");
        assertTrue(Arrays.compareUnsigned(bytes(earlier), bytes(later)) < 0, earlier + " sorts before " + later);
    }

    private static byte[] bytes(UUID id) {
        return HexFormat.of().parseHex(id.toString().replace("-", ""));
    }
}
