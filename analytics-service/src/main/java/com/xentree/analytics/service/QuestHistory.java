package com.xentree.analytics.service;

import static com.xentree.analytics.service.UserDetailsService.instant;

import com.xentree.analytics.Quests;
import com.xentree.analytics.rest.UserDetailsV2.Challenge;
import com.xentree.analytics.rest.UserDetailsV2.RewardAsset;
import com.xentree.events.XpAwarded;
import com.xentree.foundation.sql.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's daily quests as the user-details document's challenges, and the boosts their completion
 * granted as reward assets. What a quest counted are the activities of its local day (up to its
 * completion, for a completed one); what its boost added is the extra XP of the awards it covered.
 */
final class QuestHistory {

    /** Challenges shown, newest first (every completed quest's boost is among the rewards all the same). */
    static final int MAX_CHALLENGES = UserDetailsService.MAX_CHALLENGES;

    /** One quest row with the activities that counted for it. */
    record QuestRow(String id, LocalDate date, String title, String category, int target, int progress, Instant completedAt,
            double multiplier, int minutes, int activities, Instant firstActivity, Instant lastActivity) {

        Instant boostEnd() {
            return completedAt.plus(Duration.ofMinutes(minutes));
        }

        boolean boosted(Instant at, double awardMultiplier) {
            return completedAt != null && !at.isBefore(completedAt) && at.isBefore(boostEnd())
                    && Math.abs(multiplier - awardMultiplier) < 1e-6;
        }
    }

    /** What a quest's boost added: XP, and when it first added any. */
    static final class BoostUse {
        long xp;
        Instant firstAt;
    }

    final List<Challenge> challenges = new ArrayList<>();
    final List<RewardAsset> boosts = new ArrayList<>();
    int started;
    int completed;

    private QuestHistory() {
    }

    static QuestHistory read(Connection c, String userId, LocalDate today, Instant now) throws SQLException {
        List<QuestRow> quests = quests(c, userId);
        Map<String, BoostUse> uses = boostUses(c, userId, quests);
        QuestHistory h = new QuestHistory();
        for (QuestRow q : quests) {
            BoostUse use = uses.getOrDefault(q.id(), new BoostUse());
            h.started += q.progress() > 0 ? 1 : 0;
            if (q.completedAt() != null) {
                h.completed++;
                h.boosts.add(boostAsset(q, use, now));
            }
            if (h.challenges.size() < MAX_CHALLENGES) {
                h.challenges.add(challenge(q, use, today));
            }
        }
        return h;
    }

    private static Challenge challenge(QuestRow q, BoostUse use, LocalDate today) {
        String status = Quests.status(q.completedAt() != null, q.date(), today);
        int successRate = (int) Math.min(100, (long) q.progress() * 100 / q.target());
        return new Challenge(q.id(), status, use.xp, use.xp, q.activities(), q.activities(), successRate, q.title(), q.firstActivity(),
                q.completedAt(), q.lastActivity(), "");
    }

    /** issued until it adds XP (then redeemed) or its window passes unused (then expired). */
    private static RewardAsset boostAsset(QuestRow q, BoostUse use, Instant now) {
        boolean expired = !now.isBefore(q.boostEnd());
        String status = use.xp > 0 ? "redeemed" : expired ? "expired" : "issued";
        String multiplier = BigDecimal.valueOf(q.multiplier()).stripTrailingZeros().toPlainString();
        return new RewardAsset("xp_boost_" + q.category(), multiplier + "× XP for " + q.minutes() + " minutes", "xp_boost", q.id(),
                "Reward of the daily quest \"" + q.title() + "\" of " + q.date(), "", q.completedAt(), q.completedAt(), use.firstAt,
                q.boostEnd(), expired, status, "xp_multiplier", "", "", "daily_quest", q.category(), q.id(), "");
    }

    private static List<QuestRow> quests(Connection c, String userId) throws SQLException {
        // the activities of the quest's day that counted: all of them, or up to the completion of a completed quest
        return Sql.list(c, """
                select q.quest_id::text, q.quest_date, q.title, q.category, q.target_value, q.current_progress, q.completed_at,
                       q.reward_multiplier, q.reward_duration, a.n, a.first_at, a.last_at
                  from quest q
                  left join lateral (select count(*) as n, min(occurred_at) as first_at, max(occurred_at) as last_at from activity
                                      where user_id = q.user_id and local_day = q.quest_date
                                        and (q.completed_at is null or occurred_at <= q.completed_at)) a on true
                 where q.user_id = ? order by q.quest_date desc, q.category""",
                rs -> new QuestRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), instant(rs.getTimestamp(7)), rs.getBigDecimal(8).doubleValue(), rs.getInt(9), rs.getInt(10),
                        instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))), userId);
    }

    /**
     * The extra XP of each boosted award goes to the quest whose boost applied: a completed quest
     * with the award's multiplier whose window covers it (the earliest completed, where windows
     * overlap). An activity's extra is what it got above its base XP; a late boost's adjustment is
     * extra as a whole.
     */
    private static Map<String, BoostUse> boostUses(Connection c, String userId, List<QuestRow> quests) throws SQLException {
        List<QuestRow> completed = quests.stream().filter(q -> q.completedAt() != null)
                .sorted(Comparator.comparing(QuestRow::completedAt).thenComparing(QuestRow::id)).toList();
        Map<String, BoostUse> uses = new HashMap<>();
        if (completed.isEmpty()) {
            return uses;
        }
        Sql.each(c, """
                select occurred_at, kind, base_xp, multiplier, xp from xp_award
                 where user_id = ? and (multiplier > 1 or kind = ?) order by occurred_at""", rs -> {
            Instant at = rs.getTimestamp(1).toInstant();
            long extra = XpAwarded.BOOST_ADJUSTMENT.equals(rs.getString(2)) ? rs.getInt(5) : Math.max(0, rs.getInt(5) - rs.getInt(3));
            double multiplier = rs.getDouble(4);
            completed.stream().filter(q -> q.boosted(at, multiplier)).findFirst().ifPresent(q -> {
                BoostUse use = uses.computeIfAbsent(q.id(), k -> new BoostUse());
                use.xp += extra;
                if (extra > 0 && (use.firstAt == null || at.isBefore(use.firstAt))) {
                    use.firstAt = at;
                }
            });
        }, userId, XpAwarded.BOOST_ADJUSTMENT);
        return uses;
    }
}
