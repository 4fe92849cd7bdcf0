package com.xentree.adminstats.rest;

import com.xentree.foundation.rest.ApiException;

import com.xentree.adminstats.service.ScopeReader;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** The query parameters every admin view takes, parsed into a 422 when malformed. */
final class AdminParams {

    private AdminParams() {
    }

    static UUID organization(ScopeReader scopes, SecurityIdentity caller, String organizationId) {
        return scopes.organizationFor(caller, uuid("organization_id", organizationId));
    }

    static ScopeReader.Scope scope(ScopeReader scopes, SecurityIdentity caller, String organizationId, String teamId, String start,
            String end) {
        return scopes.read(caller, organization(scopes, caller, organizationId), uuid("team_id", teamId), date("start_date", start),
                date("end_date", end));
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, name + ": not a UUID");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(422, name + ": a date as YYYY-MM-DD");
        }
    }
}
