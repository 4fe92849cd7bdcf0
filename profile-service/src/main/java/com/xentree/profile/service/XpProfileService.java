package com.xentree.profile.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.LocalDay;
import com.xentree.events.QuestItem;
import com.xentree.foundation.sql.Sql;
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
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * A user with their total ({@code x}) and streak and quest figures ({@code p}), either possibly
     * missing: the rows the XP profile and the public stats are made of.
     */
    private static final String USER_STANDING = """
              from app_user u
              left join user_xp x on x.user_id = u.id
              left join user_progress p on p.user_id = u.id
            """;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    /**
     * The user's XP profile in one round trip (standing, streak figures, XP by category and the
     * strongest boost active now); empty when the user is not known yet.
     */
    public Optional<XpProfileResponse> profile(String userId) {
        Instant now = clock.instant();
        return Sql.withConnection(dataSource, c -> Sql.first(c, """
                select u.time_zone, x.total_xp, p.current_streak, p.longest_streak, p.day_only_streak,
                       p.current_streak_valid_through, p.day_only_streak_valid_through,
                       cat.names, cat.amounts, b.quest_id, b.multiplier, b.starts_at, b.ends_at
                """ + USER_STANDING + """
                  left join lateral (%s) b on true
                  left join lateral (
                       select array_agg(category order by xp desc, category) names, array_agg(xp order by xp desc, category) amounts
                         from (select category, sum(granted_xp) xp from xp_daily where user_id = u.id
                                group by category having sum(granted_xp) > 0) d) cat on true
                 where u.id = ?""".formatted(XpBoosts.strongestActive("quest_id, multiplier, starts_at, ends_at")), rs -> {
            XpStats s = stats(rs.getLong(2), rs, 3, rs.getString(1));
            ActiveBoost boost = rs.getString(10) == null ? null : new ActiveBoost(rs.getString(10), rs.getBigDecimal(11).doubleValue(),
                    rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant());
            return new XpProfileResponse(s.totalXp(), s.level(), s.currentLevelXp(), s.xpNeededForNextLevel(), s.currentStreak(),
                    s.longestStreak(), s.dayOnlyStreak(), byCategory(rs.getArray(8), rs.getArray(9)), boost);
        }, now, now, userId));
    }

    /** XP by category from the two arrays of the profile read, in their order; none when the user has no XP. */
    private static Map<String, Long> byCategory(Array names, Array amounts) throws SQLException {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        if (names != null) {
            String[] categories = (String[]) names.getArray();
            Number[] xp = (Number[]) amounts.getArray();
            for (int i = 0; i < categories.length; i++) {
                byCategory.put(categories[i], xp[i].longValue());
            }
        }
        return byCategory;
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
        return Sql.withConnection(dataSource, c -> new XpHistoryResponse(Sql.list(c, """
                select source_event_id, kind, occurred_at, local_day, category, base_xp, multiplier, earned_xp, xp, capped_xp,
                       total_xp_after, level_after
                  from xp_ledger where user_id = ? order by id desc limit ? offset ?""",
                rs -> new XpHistoryEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7).doubleValue(), rs.getInt(8),
                        rs.getInt(9), rs.getInt(10), rs.getLong(11), rs.getInt(12)), userId, size, (long) page * size),
                page, size, Sql.number(c, "select count(*) from xp_ledger where user_id = ?", userId)));
    }

    /** Level and streak figures of a known user. */
    private XpStats stats(Connection c, User user) throws SQLException {
        return Sql.first(c, """
                select x.total_xp, p.current_streak, p.longest_streak, p.day_only_streak, p.current_streak_valid_through,
                       p.day_only_streak_valid_through
                """ + USER_STANDING + " where u.id = ?", rs -> stats(rs.getLong(1), rs, 2, user.timeZone), user.id).orElseThrow();
    }

    /**
     * Level and streak figures from the total and the five streak columns starting at {@code col}
     * (all null when analytics-service announced nothing yet). A streak figure is shown only through
     * the day analytics-service said it holds without more activity, so a broken streak reads 0
     * without repeating the streak rule.
     */
    private XpStats stats(long total, ResultSet rs, int col, String zone) throws SQLException {
        Levels.Standing standing = Levels.standing(total);
        LocalDate today = LocalDay.today(clock.instant(), zone);
        int current = holds(rs.getObject(col + 3, LocalDate.class), today) ? rs.getInt(col) : 0;
        int dayOnly = holds(rs.getObject(col + 4, LocalDate.class), today) ? rs.getInt(col + 2) : 0;
        return new XpStats(total, standing.level(), standing.currentLevelXp(), standing.xpNeededForNextLevel(), current,
                rs.getInt(col + 1), dayOnly);
    }

    private static boolean holds(LocalDate validThrough, LocalDate today) {
        return validThrough == null || !today.isAfter(validThrough);
    }

    /** The quests analytics-service announced for the user's today; none once that day has passed. */
    private List<QuestItem> todaysQuests(Connection c, User user) throws SQLException, IOException {
        LocalDate today = LocalDay.today(clock.instant(), user.timeZone);
        Optional<String> quests = Sql.first(c, "select quests from user_progress where user_id = ? and quest_date = ?",
                rs -> rs.getString(1), user.id, today);
        return quests.isPresent() ? json.readValue(quests.get(), QUESTS) : List.of();
    }
}
