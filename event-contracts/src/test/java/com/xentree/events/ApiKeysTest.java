package com.xentree.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void formatParsesBackAndOnlyTheRightSecretMatches() {
        String secret = ApiKeys.newSecret();
        ApiKeys.Presented p = ApiKeys.parse(ApiKeys.format("k1234567", secret)).orElseThrow();
        assertEquals("k1234567", p.keyId());
        assertEquals(secret, p.secret());
        assertTrue(ApiKeys.matches(secret, ApiKeys.sha256Hex(secret)));
        assertFalse(ApiKeys.matches(secret + "x", ApiKeys.sha256Hex(secret)));
    }

    @Test
    void garbageIsNotAKey() {
        assertTrue(ApiKeys.parse("Bearer abc").isEmpty());
        assertTrue(ApiKeys.parse("xt_short_x").isEmpty());
        assertTrue(ApiKeys.parse(null).isEmpty());
    }
}
