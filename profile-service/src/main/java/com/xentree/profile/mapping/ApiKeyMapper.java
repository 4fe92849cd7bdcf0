package com.xentree.profile.mapping;

import com.xentree.events.ApiKeyChanged;
import com.xentree.profile.ApiKey;
import com.xentree.profile.rest.ApiKeyResponse;
import java.time.Instant;
import java.util.UUID;

public final class ApiKeyMapper {

    private ApiKeyMapper() {
    }

    public static ApiKeyResponse toResponse(ApiKey k, String presentedKey) {
        return new ApiKeyResponse(k.id, k.name, "xt_" + k.id, k.scopeSet(), k.createdAt, presentedKey);
    }

    /** The {@code auth.api-keys.v1} record every service authenticates the key by. */
    public static ApiKeyChanged toEvent(ApiKey k, Instant at) {
        return new ApiKeyChanged(UUID.randomUUID(), at, k.id, k.ownerUserId, k.scopeSet(), k.secretSha256, k.revokedAt != null);
    }
}
