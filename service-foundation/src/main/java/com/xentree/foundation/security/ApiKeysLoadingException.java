package com.xentree.foundation.security;

/**
 * A key not found while the registry is still reading {@code auth.api-keys.v1} (just after a
 * start) may well be valid: the caller is told to retry (503), not that the key is bad (401). It
 * travels as the cause of the authentication failure, which Quarkus does not let us subclass.
 */
public class ApiKeysLoadingException extends RuntimeException {

    public ApiKeysLoadingException() {
        super("API keys are still loading", null, false, false);
    }
}
