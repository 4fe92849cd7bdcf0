package com.xentree.foundation.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The raw value of an {@code X-API-Key} header, waiting to be checked. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String presentedKey;

    public ApiKeyAuthenticationRequest(String presentedKey) {
        this.presentedKey = presentedKey;
    }

    public String presentedKey() {
        return presentedKey;
    }
}
