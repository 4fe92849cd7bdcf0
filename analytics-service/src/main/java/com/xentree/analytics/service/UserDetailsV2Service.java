package com.xentree.analytics.service;

import com.xentree.analytics.Achievements;
import com.xentree.analytics.Streaks;
import com.xentree.analytics.XpDimensions.Dimension;
import com.xentree.analytics.XpDimensions;
import com.xentree.analytics.config.XpBreakdownConfig;
import com.xentree.analytics.rest.LearnerResponses.AchievementItem;
import com.xentree.analytics.rest.UserDetailsV2.Achievement;
import com.xentree.analytics.rest.UserDetailsV2.Response;
import com.xentree.analytics.rest.UserDetailsV2.RewardAsset;
import com.xentree.analytics.rest.UserDetailsV2.Stats;
import com.xentree.analytics.rest.UserDetailsV2.XpBreakdown;
import com.xentree.analytics.service.UserDetailsService.Profile;
import com.xentree.events.LocalDay;
import com.xentree.foundation.rest.ApiException;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v2/analytics/users/details}: one user's engagement in the shape of the
 * user-details document (seeds/002), from the same read models as the v1 details and the learner
 * endpoints, so the figures agree with theirs. The concept mapping is in the README's decisions.
 */
@ApplicationScoped
public class UserDetailsV2Service {

    /** How the caller names the user: exactly one of the three is set. */
    public record Lookup(String userId, String email, String username) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearnerAnalyticsService analytics;
    @Inject
    XpBreakdownConfig dimensions;
    @Inject
    Clock clock;

    /**
     * The user's details, for the user, platform admins and owners/admins of an organization the
     * user belongs to; everyone else gets the same 403 whether or not the user exists.
     */
    public Response details(String callerId, boolean platformAdmin, Lookup lookup) {
        return Sql.withConnection(dataSource, c -> {
            String userId = resolve(c, lookup);
            UserDetailsService.checkMayRead(c, callerId, platformAdmin, userId);
            if (userId == null || !known(c, userId)) {
                throw new ApiException(404, "No such user");
            }
            return assemble(c, userId);
        });
    }

    private Response assemble(Connection c, String userId) throws SQLException {
        Profile profile = UserDetailsService.profile(c, userId).orElse(new Profile("", "", "", "", null, LocalDay.DEFAULT_ZONE.getId()));
        Instant now = clock.instant();
        LocalDate today = LocalDay.today(now, profile.zone());
        Streaks.Status streak = LearnerFacts.streak(c, userId, today);
        Instant lastActivity = lastActivity(c, userId, today);
        List<AchievementItem> items = analytics.achievementItems(c, userId, streak);
        List<Achievement> achievements = items.stream().map(a -> achievement(a, lastActivity)).toList();
        QuestHistory quests = QuestHistory.read(c, userId, today, now);
        List<RewardAsset> rewards = new ArrayList<>(quests.boosts);
        items.stream().filter(AchievementItem::isCompleted).map(a -> badge(userId, a)).forEach(rewards::add);
        long totalXp = LearnerFacts.totalXp(c, userId);
        Stats stats = new Stats(totalXp, totalXp, LearnerFacts.level(c, userId), LearnerAnalyticsService.unlocked(items), quests.completed,
                quests.started, rewards.size());
        return new Response(userId, text(profile.username()), text(profile.email()), profile.createdAt(), stats, xpBreakdown(c, userId),
                achievements, quests.challenges, rewards, List.of(), StreakViews.of(streak, LearnerFacts.activeDays(c, userId),
                        LearnerFacts.repairedDays(c, userId), today, lastActivity, items),
                displayName(profile), text(profile.avatarUrl()));
    }

    /** The user given by id, email or username (case-insensitive), or null when there is none. */
    private static String resolve(Connection c, Lookup lookup) throws SQLException {
        if (lookup.userId() != null) {
            return lookup.userId();
        }
        String column = lookup.email() != null ? "email" : "username";
        String value = lookup.email() != null ? lookup.email() : lookup.username();
        return Sql.first(c, "select user_id from user_profile where lower(" + column + ") = lower(?) order by updated_at desc limit 1",
                rs -> rs.getString(1), value).orElse(null);
    }

    /** A user is known once their profile or any of their activity or XP has reached this service. */
    private static boolean known(Connection c, String userId) throws SQLException {
        return Sql.first(c, """
                select exists (select 1 from user_profile where user_id = ?) or exists (select 1 from user_activity where user_id = ?)
                       or exists (select 1 from user_xp where user_id = ?)""",
                rs -> rs.getBoolean(1), userId, userId, userId).orElse(false);
    }

    /** The name to show: the full name, else the username; "" when neither is known. */
    private static String displayName(Profile profile) {
        return !text(profile.fullName()).isBlank() ? profile.fullName() : text(profile.username());
    }

    /** The latest activity up to the user's today: when progress and streaks last moved. */
    private static Instant lastActivity(Connection c, String userId, LocalDate today) throws SQLException {
        return Sql.first(c, "select max(occurred_at) from activity where user_id = ? and local_day <= ?",
                rs -> UserDetailsService.instant(rs.getTimestamp(1)), userId, today).orElse(null);
    }

    private static Achievement achievement(AchievementItem a, Instant lastActivity) {
        Instant updated = a.isCompleted() ? a.completedAt() : a.progress() > 0 ? lastActivity : null;
        return new Achievement(a.achievementId(), a.name(), a.progress(), a.progressMax(), a.isCompleted(), a.description(),
                a.completedAt(), updated, null, "", "badge_" + a.achievementId(), a.name() + " badge", progressSummary(a));
    }

    /** "3 of 7 days in a row", "1 of 10 hours", "level 2 of 5", "4 of 10 quests". */
    static String progressSummary(AchievementItem a) {
        return switch (Achievements.measureOf(a.achievementId()).orElseThrow()) {
            case LONGEST_STREAK -> a.progress() + " of " + a.progressMax() + " days in a row";
            case LEARNING_HOURS -> a.progress() + " of " + a.progressMax() + " hours";
            case LEVEL -> "level " + a.progress() + " of " + a.progressMax();
            case QUESTS_COMPLETED -> a.progress() + " of " + a.progressMax() + " quests";
        };
    }

    /** An unlocked achievement's badge; its id is the one the unlock was announced with. */
    private static RewardAsset badge(String userId, AchievementItem a) {
        String id = UUID.nameUUIDFromBytes(("achievement:" + userId + ":" + a.achievementId()).getBytes(StandardCharsets.UTF_8)).toString();
        String measure = Achievements.measureOf(a.achievementId()).map(m -> m.name().toLowerCase()).orElse("");
        return new RewardAsset("badge_" + a.achievementId(), a.name() + " badge", "badge", id, a.description(), "", a.completedAt(),
                a.completedAt(), null, null, false, "issued", "badge", "", "", "achievement", measure, a.achievementId(), "");
    }

    /**
     * XP by dimension. A category mapped to a dimension counts whole (its total per local day is
     * exact); any other category is split by the source of each award's activity, and what cannot be
     * traced to a source (awards recorded before sources were, activities not arrived yet) is unmapped.
     */
    private XpBreakdown xpBreakdown(Connection c, String userId) throws SQLException {
        XpDimensions split = new XpDimensions(dimensions.categories(), dimensions.sources());
        Map<String, Map<String, Long>> bySource = xpBySource(c, userId);
        for (Map.Entry<String, Long> category : UserDetailsService.xpByCategory(c, userId).entrySet()) {
            long traced = 0;
            if (!split.mapsCategory(category.getKey())) {
                for (Map.Entry<String, Long> source : bySource.getOrDefault(category.getKey(), Map.of()).entrySet()) {
                    split.add(category.getKey(), source.getKey(), source.getValue());
                    traced += source.getValue();
                }
            }
            split.add(category.getKey(), null, category.getValue() - traced);
        }
        XpDimensions.Split s = split.split();
        return new XpBreakdown(s.of(Dimension.KNOWLEDGE), s.of(Dimension.CREATIVITY), s.of(Dimension.PARTICIPATION), s.of(Dimension.LOYALTY),
                s.of(Dimension.INFLUENCE), s.of(Dimension.CONTRIBUTION), s.total());
    }

    /** Recorded awards per category and the source of their activity, where that activity is known. */
    private static Map<String, Map<String, Long>> xpBySource(Connection c, String userId) throws SQLException {
        Map<String, Map<String, Long>> sums = new HashMap<>();
        Sql.each(c, """
                select x.category, a.source, sum(x.xp) from xp_award x join activity a on a.event_id = x.source_event_id
                 where x.user_id = ? group by x.category, a.source""",
                rs -> sums.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)), userId);
        return sums;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
