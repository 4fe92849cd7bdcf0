package com.xentree.foundation.security;

import com.xentree.events.ApiKeyChanged;
import com.xentree.events.ApiKeys;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An API key acts as its owner, with its scopes as roles. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String API_KEY_ID = "api_key_id";

    @Inject
    ApiKeyRegistry registry;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        ApiKeys.Presented presented = ApiKeys.parse(request.presentedKey())
                .orElseThrow(() -> new AuthenticationFailedException("malformed API key"));
        ApiKeyChanged key = registry.find(presented.keyId())
                .filter(k -> !k.revoked() && ApiKeys.matches(presented.secret(), k.secretSha256()))
                .orElseThrow(() -> registry.caughtUp() ? new AuthenticationFailedException("unknown or revoked API key")
                        : new AuthenticationFailedException("API keys are still loading", new ApiKeysLoadingException()));
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.ownerUserId()))
                .addRoles(key.scopes())
                .addAttribute(API_KEY_ID, key.keyId())
                .build());
    }
}
