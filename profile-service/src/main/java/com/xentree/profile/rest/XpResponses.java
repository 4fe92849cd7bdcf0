package com.xentree.profile.rest;

import com.xentree.events.QuestItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of the {@code /api/xp} endpoints, shaped as the API documents show them. */
public final class XpResponses {

    private XpResponses() {
    }

    /** The {@code profile} block of the public profile: level and streak figures. */
    public record XpStats(long totalXp, int level, long currentLevelXp, long xpNeededForNextLevel, int currentStreak,
            int longestStreak, int dayOnlyStreak) {
    }

    /** {@code XPProfileResponse}: the caller's own standing, with XP by category and the boost active now. */
    public record XpProfileResponse(long totalXp, int level, long currentLevelXp, long xpNeededForNextLevel, int currentStreak,
            int longestStreak, int dayOnlyStreak, Map<String, Long> xpByCategory, ActiveBoost activeBoost) {
    }

    /** A quest-reward boost in force now: activities until {@code expires_at} earn XP times {@code multiplier}. */
    public record ActiveBoost(String questId, double multiplier, Instant startedAt, Instant expiresAt) {
    }

    /** {@code PublicXPProfileResponse}: safe public data only (no email, tokens or internal ids). */
    public record PublicXpProfileResponse(String username, String fullName, String profilePictureUrl, Instant createdAt,
            XpStats profile, List<QuestItem> activeQuests) {
    }

    /** One page of the caller's XP ledger, newest first. */
    public record XpHistoryResponse(List<XpHistoryEntry> items, int page, int size, long total) {
    }

    /**
     * One ledger entry: {@code kind} {@code activity} (the first credit of an activity) or
     * {@code boost_adjustment} (extra XP of a boost that became known later). {@code earned_xp} is
     * what the rules give, {@code xp} what was granted, {@code capped_xp} what the daily cap held back.
     */
    public record XpHistoryEntry(UUID sourceEventId, String kind, Instant occurredAt, LocalDate localDay, String category,
            int baseXp, double multiplier, int earnedXp, int xp, int cappedXp, long totalXpAfter, int levelAfter) {
    }
}
