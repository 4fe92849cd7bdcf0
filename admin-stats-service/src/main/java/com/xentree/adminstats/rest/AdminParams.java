package com.xentree.adminstats.rest;

import static com.xentree.foundation.rest.QueryValues.date;
import static com.xentree.foundation.rest.QueryValues.uuid;

import com.xentree.adminstats.service.ScopeReader;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;

/** The query parameters every admin view takes, refused with a 400 naming the parameter when malformed. */
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
}
