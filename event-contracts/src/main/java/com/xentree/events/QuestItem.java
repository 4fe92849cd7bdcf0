package com.xentree.events;

import java.util.UUID;

/**
 * One daily quest as the API documents show it ({@code QuestItem}); analytics-service owns quests
 * and announces a user's quests of the day on {@code analytics.progress.v1} ({@code quests_changed}).
 */
public record QuestItem(
        UUID id,
        String title,
        String description,
        String category,
        int targetValue,
        int currentProgress,
        int progressPercentage,
        String status,
        double rewardMultiplier,
        int rewardDuration) {

    public static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";
    public static final String EXPIRED = "expired";
}
