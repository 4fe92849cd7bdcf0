package com.xentree.profile.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the user endpoints. */
public final class UserRequests {

    private UserRequests() {
    }

    /** {@code POST /api/v1/users}: create or update one user (platform admins, users:write keys). */
    public record Upsert(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.@:|-]{0,127}",
                    message = "1-128 characters of letters, digits and _ . @ : | -") String userId,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{2,31}",
                    message = "3-32 letters, digits and _ . -, starting with a letter or digit") String username,
            @Size(max = 100) String fullName,
            @Size(max = 254) @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "not an email address") String email,
            @Size(max = 2048) String profilePictureUrl,
            String timeZone,
            Boolean publicProfile) {
    }

    /**
     * {@code PATCH /api/v1/users/me}: absent or null fields stay as they are; an empty
     * {@code profile_picture_url} or {@code full_name} removes it.
     */
    public record Patch(
            @Size(max = 100) String fullName,
            @Size(max = 2048) String profilePictureUrl,
            String timeZone,
            Boolean publicProfile) {
    }
}
