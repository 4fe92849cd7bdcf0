package com.xentree.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErasureHashTest {

    @Test
    void isTheHmacSha256OfTheUserIdUnderTheKey() {
        // computed independently: printf 'Hi There' | openssl dgst -sha256 -hmac 'erasure-key-0123456'
        assertEquals("317b51ff754fe89e7f3216ced154418f517ede1207394d3c7c8ba68a3f53217b",
                new ErasureHash("erasure-key-0123456").of("Hi There"));
        assertEquals(new ErasureHash("erasure-key-0123456").of("ada"), new ErasureHash("erasure-key-0123456").of("ada"));
    }

    @Test
    void anotherKeyGivesAnotherHashAndShortKeysAreRefused() {
        assertNotEquals(new ErasureHash("erasure-key-0123456").of("ada"), new ErasureHash("erasure-key-6543210").of("ada"));
        assertThrows(IllegalArgumentException.class, () -> new ErasureHash("short"));
    }
}
