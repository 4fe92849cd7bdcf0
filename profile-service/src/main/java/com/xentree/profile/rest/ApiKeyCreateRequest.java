package com.xentree.profile.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** {@code APIKeyCreateRequest}: a name to recognise the key by, and its scopes (may be empty). */
public record ApiKeyCreateRequest(@NotBlank @Size(max = 100) String name, @Size(max = 10) Set<String> scopes) {
}
