package com.xentree.adminstats.rest;

import static com.xentree.foundation.rest.QueryValues.date;
import static com.xentree.foundation.rest.QueryValues.uuid;

import com.xentree.adminstats.service.ScopeReader;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * What the admin views' resources share: the caller, and the query parameters every admin view takes,
 * refused with a 400 naming the parameter when malformed.
 */
abstract class AdminResource {

    @Inject
    ScopeReader scopes;
    @Inject
    SecurityIdentity identity;

    /** The organization given, or the caller's only administered one. */
    UUID org(String organizationId) {
        return scopes.organizationFor(identity, uuid("organization_id", organizationId));
    }

    /** The view's organization (or team), range and members, after the access check. */
    ScopeReader.Scope scope(AdminQuery q) {
        return scopes.read(identity, org(q.organizationId), uuid("team_id", q.teamId), date("start_date", q.startDate),
                date("end_date", q.endDate));
    }
}
