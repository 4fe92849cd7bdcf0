package com.xentree.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The presented form of an API key, {@code xt_<key id>_<secret>}, shared by the issuer
 * (profile-service) and every verifier. Only the SHA-256 of the secret is ever stored or published.
 */
public final class ApiKeys {

    public static final String HEADER = "X-API-Key";

    /** Scope of platform services that report learning activity ({@code POST /api/v1/events}). */
    public static final String EVENTS_WRITE = "events:write";
    /** Scope of platform services that create and update users ({@code POST /api/v1/users}). */
    public static final String USERS_WRITE = "users:write";
    /**
     * Every scope a key can hold. A key always acts as its owner, so a key without scopes reads what
     * its owner may read; these scopes add platform powers, which only platform admins can grant.
     */
    public static final java.util.Set<String> SCOPES = java.util.Set.of(EVENTS_WRITE, USERS_WRITE);
    private static final Pattern FORMAT = Pattern.compile("xt_([a-z0-9]{8,40})_([A-Za-z0-9_-]{20,128})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Presented(String keyId, String secret) {
    }

    private ApiKeys() {
    }

    public static Optional<Presented> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(header.trim());
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
    }

    public static String format(String keyId, String secret) {
        return "xt_" + keyId + "_" + secret;
    }

    /** A new key id: 16 lowercase hex digits. */
    public static String newKeyId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(String secret, String expectedSha256Hex) {
        return expectedSha256Hex != null && MessageDigest.isEqual(
                sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }
}
