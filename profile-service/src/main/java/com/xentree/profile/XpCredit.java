package com.xentree.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an activity is worth (DESIGN.md section 4): base XP times the boost multiplier, rounded down
 * to a whole XP, then held to the daily per-category cap. {@code earned} is what the rules give,
 * {@code granted} what the user gets, {@code capped} what the cap held back.
 */
public record XpCredit(int earned, int granted, int capped) {

    /**
     * Base XP times the multiplier, rounded down. Decimal arithmetic, because in binary floating
     * point 20 × 1.15 is 22.999… and would round down to 22.
     */
    public static int earned(int baseXp, BigDecimal multiplier) {
        return BigDecimal.valueOf(baseXp).multiply(multiplier).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /**
     * Grants what fits under the cap. Granting each increment up to what is left keeps the day's
     * total at min(cap, everything earned) whatever order the increments arrive in, so a replay that
     * interleaves activities and late boosts differently still ends with the same totals.
     */
    public static XpCredit underCap(int earned, long grantedSoFar, long dailyCap) {
        long room = Math.max(0, dailyCap - grantedSoFar);
        int granted = (int) Math.min(earned, room);
        return new XpCredit(earned, granted, earned - granted);
    }
}
