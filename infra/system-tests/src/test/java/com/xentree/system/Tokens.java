package com.xentree.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** RS256 tokens signed with the test key the running services trust (JDK crypto, no JWT library). */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    static String token(String userId, String... groups) {
        return signed("test-support/src/main/resources/test-keys/private.pem", userId, 600, "RS256", groups);
    }

    /** A token that expired a minute ago. */
    static String expired(String userId) {
        return signed("test-support/src/main/resources/test-keys/private.pem", userId, -60, "RS256");
    }

    /** A token signed with a key the services do not trust. */
    static String wronglySigned(String userId) {
        return signed("test-support/src/main/resources/test-keys/other-private.pem", userId, 600, "RS256");
    }

    /** An unsigned token ({@code alg: none}). */
    static String unsigned(String userId) {
        return signed(null, userId, 600, "none");
    }

    private static String signed(String keyFile, String userId, long ttlSeconds, String alg, String... groups) {
        try {
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", "https://auth.xentree.local");
            claims.put("sub", userId);
            claims.put("upn", userId);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", now);
            claims.put("exp", now + ttlSeconds);
            claims.put("groups", List.of(groups));
            String input = b64(JSON.writeValueAsBytes(Map.of("alg", alg, "typ", "JWT", "kid", "test"))) + "."
                    + b64(JSON.writeValueAsBytes(claims));
            if (keyFile == null) {
                return input + ".";
            }
            String pem = Files.readString(RunningSystem.root().resolve(keyFile));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
