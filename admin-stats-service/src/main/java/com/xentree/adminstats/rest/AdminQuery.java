package com.xentree.adminstats.rest;

import jakarta.ws.rs.QueryParam;

/** The filters every admin view takes: organization (optional when the caller administers one), team and date range. */
public class AdminQuery {

    /** The admin population rule (DESIGN.md section 4), as every admin view's documentation states it. */
    static final String POPULATION = "Figures are over the organization's current members in scope (team filter applied): every period "
            + "(the range, the previous range, each trend period) sums their activity whatever their join date, and rates divide by "
            + "their number; join dates count only for total members, new members and retention cohorts.";

    @QueryParam("organization_id")
    String organizationId;

    @QueryParam("team_id")
    String teamId;

    @QueryParam("start_date")
    String startDate;

    @QueryParam("end_date")
    String endDate;
}
