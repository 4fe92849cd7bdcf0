import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints an RS256 JWT for local use, signed with the development key pair (created on first use).
 * JDK only. Usage (see README):
 *   java infra/tools/MintToken.java --keys DIR [--sub ID] [--username NAME] [--name FULL]
 *        [--email E] [--zoneinfo ZONE] [--groups admin,...] [--scope "events:write users:write"]
 *        [--org ORG_ID:ROLE ...] [--ttl SECONDS]
 *   java infra/tools/MintToken.java --keys DIR --init     (only create the key pair)
 */
public class MintToken {
    static final String ISSUER = "https://auth.xentree.local";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--init")) {
                opts.put("init", "true");
            } else if (a.equals("--org")) {
                orgs.add(args[++i]);
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Path dir = Path.of(opts.getOrDefault("keys", "infra/.work/keys"));
        if (opts.containsKey("init")) {
            loadOrCreate(dir);
            System.out.println(dir.resolve("public.pem"));
            return;
        }
        System.out.println(token(opts, orgs));
    }

    /** A signed token for the options of the command line (keys, sub, username, name, email, zoneinfo, groups, scope, ttl). */
    public static String token(Map<String, String> opts, List<String> orgs) throws Exception {
        PrivateKey key = loadOrCreate(Path.of(opts.getOrDefault("keys", "infra/.work/keys")));
        long now = Instant.now().getEpochSecond();
        String sub = opts.getOrDefault("sub", UUID.randomUUID().toString());
        StringBuilder claims = new StringBuilder("{");
        claims.append(json("iss", ISSUER)).append(',').append(json("sub", sub))
              .append(',').append(json("upn", sub))
              .append(',').append(json("jti", UUID.randomUUID().toString()))
              .append(",\"iat\":").append(now)
              .append(",\"exp\":").append(now + Long.parseLong(opts.getOrDefault("ttl", "3600")));
        claims.append(',').append(json("preferred_username", opts.getOrDefault("username", "user-" + sub.substring(0, Math.min(8, sub.length())))));
        for (String c : List.of("name", "email", "zoneinfo", "scope")) {
            if (opts.containsKey(c)) {
                claims.append(',').append(json(c, opts.get(c)));
            }
        }
        claims.append(",\"groups\":[");
        String groups = opts.getOrDefault("groups", "");
        boolean first = true;
        for (String g : groups.split(",")) {
            if (!g.isBlank()) {
                claims.append(first ? "" : ",").append('"').append(escape(g.trim())).append('"');
                first = false;
            }
        }
        claims.append("]");
        if (!orgs.isEmpty()) {
            claims.append(",\"org_roles\":{");
            for (int i = 0; i < orgs.size(); i++) {
                String[] parts = orgs.get(i).split(":", 2);
                claims.append(i == 0 ? "" : ",").append(json(parts[0], parts.length > 1 ? parts[1] : "member"));
            }
            claims.append('}');
        }
        claims.append('}');
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"dev\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(rsa.sign());
    }

    static PrivateKey loadOrCreate(Path dir) throws Exception {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        if (!Files.exists(priv)) {
            Files.createDirectories(dir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        String body = Files.readString(priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String json(String k, String v) {
        return '"' + escape(k) + "\":\"" + escape(v) + '"';
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
