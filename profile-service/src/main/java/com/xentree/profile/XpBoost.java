package com.xentree.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;

/**
 * A quest-reward XP boost: activities that occurred in {@code [startsAt, endsAt)} earn base XP times
 * the multiplier. Where boosts overlap the largest applies; they do not compound, so a burst of
 * completed quests cannot multiply XP without bound.
 */
public record XpBoost(String questId, BigDecimal multiplier, Instant startsAt, Instant endsAt) {

    public static final BigDecimal NONE = BigDecimal.ONE;

    public boolean covers(Instant occurredAt) {
        return !occurredAt.isBefore(startsAt) && occurredAt.isBefore(endsAt);
    }

    /** The multiplier an activity that occurred at the instant earns under these boosts. */
    public static BigDecimal multiplierAt(Collection<XpBoost> boosts, Instant occurredAt) {
        BigDecimal best = NONE;
        for (XpBoost b : boosts) {
            if (b.covers(occurredAt) && b.multiplier.compareTo(best) > 0) {
                best = b.multiplier;
            }
        }
        return best;
    }
}
