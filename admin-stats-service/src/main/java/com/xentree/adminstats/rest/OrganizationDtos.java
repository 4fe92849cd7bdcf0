package com.xentree.adminstats.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the organization, team and member endpoints. */
public final class OrganizationDtos {

    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String SLUG_MESSAGE = "lowercase letters, digits and single hyphens";
    static final String USER_ID = "[A-Za-z0-9][A-Za-z0-9_.@:|-]{0,127}";

    private OrganizationDtos() {
    }

    /** {@code OrganizationCreateRequest}: the slug is derived from the name when omitted. */
    public record OrganizationCreateRequest(@NotBlank @Size(max = 100) String name,
            @Size(min = 2, max = 64) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug, @Size(max = 500) String description) {
    }

    /** Omitted fields keep their value. */
    public record OrganizationUpdateRequest(@Size(min = 1, max = 100) String name,
            @Size(min = 2, max = 64) @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug, @Size(max = 500) String description) {
    }

    /** {@code OrganizationResponse}; {@code role} is the caller's (null for a platform admin who is not a member). */
    public record OrganizationResponse(UUID id, String name, String slug, String description, long memberCount, long teamCount,
            String role, Instant createdAt, Instant updatedAt) {
    }

    public record TeamCreateRequest(@NotBlank @Size(max = 100) String name) {
    }

    public record TeamResponse(UUID id, UUID organizationId, String name, long memberCount, Instant createdAt) {
    }

    /**
     * Adds a user to the organization; role {@code member} unless given; joined now unless
     * {@code joined_at} dates the join in the past (imports: platform admins and callers with the
     * {@code users:write} or {@code orgs:write} scope only).
     */
    public record MemberAddRequest(@NotBlank @Pattern(regexp = USER_ID, message = "1-128 characters of letters, digits and _ . @ : | -")
            String userId, @Pattern(regexp = "owner|admin|member", message = "one of owner, admin, member") String role, UUID teamId,
            @Schema(description = "When the member joined (RFC 3339), for imports of an organization's history: platform admins and "
                    + "callers with the users:write or orgs:write scope only (403 otherwise). Not in the future, not before 1970, and "
                    + "not before the user is known on the platform (their account's creation or first recorded activity, whichever "
                    + "is earlier), else 422. Omitted: now.", example = "2025-09-01T09:00:00Z")
            Instant joinedAt) {
    }

    public record MemberRoleRequest(@NotBlank @Pattern(regexp = "owner|admin|member", message = "one of owner, admin, member") String role) {
    }

    /**
     * The comprehensive update: role, team (null removes the member from their team), and
     * organization (moves the member; the caller must administer both).
     */
    public record MemberUpdateRequest(@Pattern(regexp = "owner|admin|member", message = "one of owner, admin, member") String role,
            UUID organizationId, UUID teamId) {
    }

    /** {@code MemberResponse}. */
    public record MemberResponse(String userId, UUID organizationId, String role, UUID teamId, String teamName, Instant joinedAt,
            String username, String fullName, String email, String avatarUrl) {
    }
}
