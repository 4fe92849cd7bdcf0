package com.xentree.profile.service;

import com.xentree.events.ProgressEvent;
import com.xentree.foundation.sql.Sql;
import com.xentree.profile.XpBoost;
import com.xentree.profile.XpCredit;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Quest-reward boosts: recorded from {@code quest_completed}, looked up when XP is credited. */
@ApplicationScoped
public class XpBoosts {

    /**
     * The columns of the boost that applies now to the user {@code u} of the enclosing query, as a lateral
     * subquery: the largest multiplier whose window holds the moment (then the one that ends last), as
     * {@code XpBoost.multiplierAt} decides. Parameters: the moment, twice.
     */
    static String strongestActive(String columns) {
        return "select " + columns + " from xp_boost where user_id = u.id and starts_at <= ? and ends_at > ?"
                + " order by multiplier desc, ends_at desc limit 1";
    }

    /** The boosts of the users that overlap {@code [from, to]}, by user. */
    public Map<String, List<XpBoost>> overlapping(Connection c, Collection<String> users, Instant from, Instant to) throws SQLException {
        Map<String, List<XpBoost>> byUser = new HashMap<>();
        Sql.each(c, """
                select user_id, quest_id, multiplier, starts_at, ends_at from xp_boost
                 where user_id = any(?) and ends_at > ? and starts_at <= ?""",
                rs -> byUser.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(new XpBoost(rs.getString(2),
                        rs.getBigDecimal(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant())),
                c.createArrayOf("text", users.toArray()), from, to);
        return byUser;
    }

    /** Records the boost a completed quest grants; empty if it was recorded before. */
    public Optional<XpBoost> record(Connection c, ProgressEvent completed) throws SQLException {
        Instant starts = completed.occurredAt();
        Instant ends = starts.plus(Duration.ofMinutes(completed.rewardDuration()));
        BigDecimal multiplier = BigDecimal.valueOf(completed.rewardMultiplier());
        int inserted = Sql.update(c, """
                insert into xp_boost (source_event_id, user_id, quest_id, multiplier, starts_at, ends_at)
                values (?, ?, ?, ?, ?, ?) on conflict (source_event_id) do nothing""",
                completed.eventId(), completed.userId(), completed.questId(), multiplier, starts, ends);
        return inserted == 1 ? Optional.of(new XpBoost(completed.questId(), multiplier, starts, ends)) : Optional.empty();
    }

    /**
     * Adjustments for activities the boost covers that were credited at a lower multiplier, because
     * they were credited before the boost was known (a replay, or a consumer running ahead). Each
     * carries only the extra XP earned; the caller must hold the user's lock.
     */
    public List<XpLedger.Entry> lateAdjustments(Connection c, String userId, UUID boostEventId, XpBoost boost) throws SQLException {
        List<XpLedger.Entry> entries = new ArrayList<>();
        Sql.each(c, """
                select source_event_id, min(occurred_at), min(time_zone), min(local_day), min(category),
                       max(base_xp) filter (where kind = 'activity'), max(multiplier)
                  from xp_ledger
                 where user_id = ? and occurred_at >= ? and occurred_at < ?
                 group by source_event_id
                having max(multiplier) < ?
                 order by min(id)""", rs -> {
            int base = rs.getInt(6);
            int extra = XpCredit.earned(base, boost.multiplier()) - XpCredit.earned(base, rs.getBigDecimal(7));
            if (extra > 0) {
                entries.add(XpLedger.Entry.boostAdjustment(rs.getObject(1, UUID.class), boostEventId, userId,
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5), base,
                        boost.multiplier(), extra));
            }
        }, userId, boost.startsAt(), boost.endsAt(), boost.multiplier());
        return entries;
    }
}
