package com.xentree.profile.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.LocalDay;
import com.xentree.events.QuestItem;
import com.xentree.profile.Levels;
import com.xentree.profile.User;
import com.xentree.profile.rest.XpResponses.ActiveBoost;
import com.xentree.profile.rest.XpResponses.PublicXpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpHistoryEntry;
import com.xentree.profile.rest.XpResponses.XpHistoryResponse;
import com.xentree.profile.rest.XpResponses.XpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpStats;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of a user's XP standing, streak figures, quests and ledger. */
@ApplicationScoped
public class XpProfileService {

    private static final TypeReference<List<QuestItem>> QUESTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final XpBoosts boosts;
    private final ObjectMapper json;
    private final Clock clock;

    XpProfileService(AgroalDataSource dataSource, XpBoosts boosts, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.boosts = boosts;
        this.json = json;
        this.clock = clock;
    }

    public XpProfileResponse profile(User user) {
        try (Connection c = dataSource.getConnection()) {
            XpStats s = stats(c, user);
            Map<String, Long> byCategory = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select category, sum(granted_xp) from xp_daily where user_id = ?
                     group by category having sum(granted_xp) > 0 order by sum(granted_xp) desc, category""")) {
                ps.setString(1, user.id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byCategory.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            ActiveBoost boost = boosts.activeAt(c, user.id, clock.instant())
                    .map(b -> new ActiveBoost(b.questId(), b.multiplier().doubleValue(), b.startsAt(), b.endsAt())).orElse(null);
            return new XpProfileResponse(s.totalXp(), s.level(), s.currentLevelXp(), s.xpNeededForNextLevel(), s.currentStreak(),
                    s.longestStreak(), s.dayOnlyStreak(), byCategory, boost);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public profile, or empty when the user is unknown or keeps the profile private. */
    public Optional<PublicXpProfileResponse> publicProfile(String username) {
        Optional<User> found = User.findByUsername(username).filter(u -> u.publicProfile);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        User user = found.get();
        try (Connection c = dataSource.getConnection()) {
            return Optional.of(new PublicXpProfileResponse(user.username, user.fullName, user.avatarUrl, user.createdAt,
                    stats(c, user), todaysQuests(c, user)));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public XpHistoryResponse history(String userId, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from xp_ledger where user_id = ?")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<XpHistoryEntry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select source_event_id, kind, occurred_at, local_day, category, base_xp, multiplier, earned_xp, xp, capped_xp,
                           total_xp_after, level_after
                      from xp_ledger where user_id = ? order by id desc limit ? offset ?""")) {
                ps.setString(1, userId);
                ps.setInt(2, size);
                ps.setLong(3, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new XpHistoryEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7).doubleValue(),
                                rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getLong(11), rs.getInt(12)));
                    }
                }
            }
            return new XpHistoryResponse(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Level and streak figures. A streak figure is shown only through the day analytics-service said
     * it holds without more activity, so a broken streak reads 0 without repeating the streak rule.
     */
    private XpStats stats(Connection c, User user) throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("select total_xp from user_xp where user_id = ?")) {
            ps.setString(1, user.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    total = rs.getLong(1);
                }
            }
        }
        Levels.Standing standing = Levels.standing(total);
        int current = 0;
        int longest = 0;
        int dayOnly = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select current_streak, longest_streak, day_only_streak, current_streak_valid_through, day_only_streak_valid_through
                  from user_progress where user_id = ?""")) {
            ps.setString(1, user.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    LocalDate today = LocalDay.today(clock.instant(), user.timeZone);
                    current = holds(rs.getObject(4, LocalDate.class), today) ? rs.getInt(1) : 0;
                    longest = rs.getInt(2);
                    dayOnly = holds(rs.getObject(5, LocalDate.class), today) ? rs.getInt(3) : 0;
                }
            }
        }
        return new XpStats(total, standing.level(), standing.currentLevelXp(), standing.xpNeededForNextLevel(), current, longest,
                dayOnly);
    }

    private static boolean holds(LocalDate validThrough, LocalDate today) {
        return validThrough == null || !today.isAfter(validThrough);
    }

    /** The quests analytics-service announced for the user's today; none once that day has passed. */
    private List<QuestItem> todaysQuests(Connection c, User user) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("select quest_date, quests from user_progress where user_id = ?")) {
            ps.setString(1, user.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(2) != null
                        && LocalDay.today(clock.instant(), user.timeZone).equals(rs.getObject(1, LocalDate.class))) {
                    return json.readValue(rs.getString(2), QUESTS);
                }
            }
        }
        return List.of();
    }
}
