package com.xentree.foundation.security;

import com.xentree.foundation.config.SecurityConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens, verified once: smallrye-jwt's parser checks a token's signature, issuer and times,
 * and the verified token is remembered by its SHA-256 until its {@code exp}, so the same client's
 * next requests cost a hash and a map lookup instead of an RSA verification and a JSON parse.
 * Tried before smallrye-jwt's own provider (higher priority), which it replaces for bearer tokens:
 * a miss is verified exactly as that provider does, and the identity is built afresh per request
 * (the request's own credential and routing context). A token is only ever cached after it
 * verified, and never past its expiry; API keys do not come here (their registry decides per
 * request, so a revoked key stops at once).
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** A verified token with the roles it grants, worked out once (reading a custom claim costs smallrye-jwt an exception). */
    private record Verified(JsonWebToken jwt, Set<String> roles, long expiresAtMillis) {
    }

    @Inject
    JWTParser parser;
    @Inject
    SecurityConfig config;

    private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100; // before smallrye-jwt's MpJwtValidator (SYSTEM_FIRST + 1)
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        try {
            return Uni.createFrom().item(identity(request, verified(request.getToken().getToken())));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Verified verified(String token) {
        if (config.verifiedTokenCacheSize() <= 0) {
            return verify(token);
        }
        String key = sha256(token);
        long now = System.currentTimeMillis(); // the verifier's clock, not the application's
        Verified hit = cache.get(key);
        if (hit != null && now < hit.expiresAtMillis()) {
            return hit;
        }
        Verified verified = verify(token);
        remember(key, verified, now);
        return verified;
    }

    private Verified verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            return new Verified(jwt, roles(jwt), jwt.getExpirationTime() * 1000);
        } catch (ParseException e) {
            throw new AuthenticationFailedException(e);
        }
    }

    /** Its groups, and the roles its space-separated {@code scope} claim grants (the same an API key's scopes do). */
    private static Set<String> roles(JsonWebToken jwt) {
        Set<String> roles = new HashSet<>(jwt.getGroups());
        Object scope = jwt.getClaim("scope");
        if (scope != null) {
            for (String s : scope.toString().replace("\"", "").trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    roles.add(s);
                }
            }
        }
        return Set.copyOf(roles);
    }

    /** Bounded: when full, expired entries go first, and if none had expired the cache starts over. */
    private void remember(String key, Verified verified, long now) {
        if (verified.expiresAtMillis() <= now) {
            return;
        }
        if (cache.size() >= config.verifiedTokenCacheSize()) {
            cache.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (cache.size() >= config.verifiedTokenCacheSize()) {
                cache.clear();
            }
        }
        cache.put(key, verified);
    }

    /** What smallrye-jwt's provider builds (the token as principal and credential, its groups as roles), plus its scopes as roles. */
    private static SecurityIdentity identity(TokenAuthenticationRequest request, Verified verified) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.jwt())
                .addCredential(request.getToken())
                .addRoles(verified.roles())
                .addAttribute("quarkus.user", verified.jwt());
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            builder.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return builder.build();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
