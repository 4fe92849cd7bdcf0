package com.xentree.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256) under which erasure lists remember an erased user. Keyed, not a plain
 * hash, because user ids are guessable (a plain SHA-256 of a known id would re-identify the person);
 * every service must use the same key so their lists and {@code user.erasure.v1} agree.
 */
public final class ErasureHash {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public ErasureHash(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the erasure hash key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** 64 lowercase hex digits. */
    public String of(String userId) {
        return HexFormat.of().formatHex(mac().doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        // a Mac is not thread-safe, and a new one per call costs less than sharing one under a lock
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
