package com.xentree.foundation.erasure;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "xentree.erasure")
public interface ErasureConfig {

    /**
     * The key of the keyed hash (HMAC-SHA256) the erasure list keeps instead of user ids; the same in
     * every service ({@code ERASURE_HASH_KEY}, in Kubernetes the Secret {@code xentree-erasure}).
     */
    String hashKey();
}
