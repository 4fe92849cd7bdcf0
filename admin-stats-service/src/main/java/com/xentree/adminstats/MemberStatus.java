package com.xentree.adminstats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Member status (DESIGN.md section 4), relative to a reference day (the end of the range shown):
 * {@code active} if active on it or the 6 days before (the last 7 days), {@code at_risk} if last
 * active 7 to 29 days before it (8 to 30 days counting the reference day as day 1), {@code inactive}
 * otherwise or never.
 */
public final class MemberStatus {

    public static final String ACTIVE = "active";
    public static final String AT_RISK = "at_risk";
    public static final String INACTIVE = "inactive";
    /** The rule in the words of DESIGN.md section 4, for the OpenAPI document. */
    public static final String DESCRIPTION = "Member status: days since last active, counted back from end_date, "
            + "0–6 active, 7–29 at_risk, 30 or more (or never) inactive.";

    private MemberStatus() {
    }

    public static String of(LocalDate lastActiveDay, LocalDate referenceDay) {
        if (lastActiveDay == null || lastActiveDay.isAfter(referenceDay)) {
            return lastActiveDay == null ? INACTIVE : ACTIVE;
        }
        long ago = ChronoUnit.DAYS.between(lastActiveDay, referenceDay);
        return ago <= 6 ? ACTIVE : ago <= 29 ? AT_RISK : INACTIVE;
    }
}
