package com.xentree.profile.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;

/**
 * {@code APIKeyResponse}. {@code key}, the full secret to send as {@code X-API-Key}, is present only
 * in the answer to the creation: it is stored as a hash and cannot be shown again. {@code prefix}
 * identifies the key in lists and logs.
 */
public record ApiKeyResponse(
        String id,
        String name,
        String prefix,
        Set<String> scopes,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {
}
