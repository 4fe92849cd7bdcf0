package com.xentree.adminstats.rest;

import jakarta.ws.rs.QueryParam;

/** The filters every admin view takes: organization (optional when the caller administers one), team and date range. */
public class AdminQuery {

    @QueryParam("organization_id")
    String organizationId;

    @QueryParam("team_id")
    String teamId;

    @QueryParam("start_date")
    String startDate;

    @QueryParam("end_date")
    String endDate;
}
