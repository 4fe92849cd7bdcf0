package com.xentree.profile.service;

import static com.xentree.foundation.sql.SqlArrays.column;

import com.xentree.events.EventIds;
import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.sql.Sql;
import com.xentree.profile.Levels;
import com.xentree.profile.XpCredit;
import com.xentree.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The append-only XP ledger and what is derived from it: per user, day and category counts (for the
 * cap and XP by category) and the users' totals and levels. Every credit is announced on
 * {@code xp.awarded.v1} through the outbox, in the same transaction.
 */
@ApplicationScoped
public class XpLedger {

    /**
     * One credit to append: the first credit of an activity or a late boost adjustment of it.
     * {@code awardId} becomes the {@code xp.awarded.v1} event id; it is derived from what caused the
     * credit and when ({@link EventIds}), so a replay into an empty database announces the same ids and
     * consumers skip them, and the consumers' ledgers of these ids grow in time order.
     */
    public record Entry(UUID awardId, String kind, UUID sourceEventId, String userId, Instant occurredAt, String timeZone,
            LocalDate localDay, String category, int baseXp, BigDecimal multiplier, int earned) {

        public static Entry activity(UUID activityId, String userId, Instant occurredAt, String timeZone, LocalDate localDay,
                String category, int baseXp, BigDecimal multiplier, int earned) {
            return new Entry(derivedId(occurredAt, "activity:" + activityId), XpAwarded.ACTIVITY, activityId, userId, occurredAt,
                    timeZone, localDay, category, baseXp, multiplier, earned);
        }

        public static Entry boostAdjustment(UUID activityId, UUID boostEventId, String userId, Instant occurredAt, String timeZone,
                LocalDate localDay, String category, int baseXp, BigDecimal multiplier, int extra) {
            return new Entry(derivedId(occurredAt, "boost:" + boostEventId + ":" + activityId), XpAwarded.BOOST_ADJUSTMENT,
                    activityId, userId, occurredAt, timeZone, localDay, category, baseXp, multiplier, extra);
        }

        private static UUID derivedId(Instant activityOccurredAt, String cause) {
            return EventIds.derived(activityOccurredAt, Topics.XP_AWARDED + ":" + cause);
        }
    }

    private record DayKey(String userId, LocalDate day, String category) {
    }

    @Inject
    Outbox outbox;
    @Inject
    ProfileConfig config;
    @Inject
    Clock clock;

    /**
     * Locks the users' total rows (creating them at zero) and returns the totals. Whoever credits XP
     * calls this first and only then reads boosts or ledger rows: the activity and the boost consumer
     * of one user take turns, so a boost recorded meanwhile is never missed by both.
     */
    public Map<String, Long> lockTotals(Connection c, Collection<String> users) throws SQLException {
        String[] sorted = new TreeSet<>(users).toArray(String[]::new);
        Sql.update(c, """
                insert into user_xp (user_id, total_xp, level, updated_at)
                select u, 0, 1, now() from unnest(?::text[]) u order by u
                on conflict (user_id) do nothing""", c.createArrayOf("text", sorted));
        Map<String, Long> totals = new HashMap<>();
        Sql.each(c, "select user_id, total_xp from user_xp where user_id = any(?) order by user_id for update",
                rs -> totals.put(rs.getString(1), rs.getLong(2)), c.createArrayOf("text", sorted));
        return totals;
    }

    /** The items whose activity has no credit in the ledger yet; call after {@link #lockTotals} of their users. */
    public <T> List<T> notCreditedYet(Connection c, List<T> items, Function<T, UUID> activityId) throws SQLException {
        // a lookup by key per id, whatever the statistics ("offset 0" keeps the subquery apart)
        Set<UUID> credited = new HashSet<>(Sql.list(c, """
                select k.id from unnest(?::uuid[]) as k(id)
                  join lateral (select 1 from xp_ledger where kind = 'activity' and source_event_id = k.id offset 0) l on true""",
                rs -> rs.getObject(1, UUID.class), column(c, "uuid", items, activityId::apply)));
        return credited.isEmpty() ? items : items.stream().filter(i -> !credited.contains(activityId.apply(i))).toList();
    }

    /** Appends the entries in order, each held to the daily cap; {@code totals} must come from {@link #lockTotals}. */
    public List<XpAwarded> append(Connection c, Map<String, Long> totals, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<DayKey, long[]> dailyDelta = new LinkedHashMap<>();
        List<Credited> credited = credit(entries, grantedSoFar(c, entries), totals, dailyDelta);
        insertLedger(c, credited);
        addToDaily(c, dailyDelta);
        updateTotals(c, totals);
        List<XpAwarded> awards = credited.stream().map(Credited::award).toList();
        outbox.add(awards.stream().map(a -> new Outbox.Message(Topics.XP_AWARDED, a.userId(), a)).toList());
        return awards;
    }

    /** One entry with what it was granted under the cap, and the user's total and level after it. */
    private record Credited(Entry entry, XpCredit credit, long totalAfter, int level) {

        XpAwarded award() {
            Entry e = entry;
            return new XpAwarded(e.awardId(), e.sourceEventId(), e.userId(), e.occurredAt(), e.timeZone(), e.category(), e.kind(),
                    e.baseXp(), e.multiplier().doubleValue(), credit.granted(), credit.capped(), totalAfter, level);
        }
    }

    /** Credits the entries in order, each up to what its user, day and category have left under the cap. */
    private List<Credited> credit(List<Entry> entries, Map<DayKey, Long> daily, Map<String, Long> totals, Map<DayKey, long[]> dailyDelta) {
        long cap = config.xp().dailyCategoryCap();
        List<Credited> credited = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            DayKey key = new DayKey(e.userId(), e.localDay(), e.category());
            XpCredit credit = XpCredit.underCap(e.earned(), daily.getOrDefault(key, 0L), cap);
            daily.merge(key, (long) credit.granted(), Long::sum);
            long[] delta = dailyDelta.computeIfAbsent(key, k -> new long[2]);
            delta[0] += credit.granted();
            delta[1] += credit.capped();
            long after = totals.merge(e.userId(), (long) credit.granted(), Long::sum);
            credited.add(new Credited(e, credit, after, Levels.levelFor(after)));
        }
        return credited;
    }

    /** One statement for the whole batch; ledger ids follow the entries' order. */
    private static void insertLedger(Connection c, List<Credited> credited) throws SQLException {
        Sql.update(c, """
                insert into xp_ledger (kind, source_event_id, user_id, occurred_at, time_zone, local_day, category, base_xp,
                                       multiplier, earned_xp, xp, capped_xp, total_xp_after, level_after)
                select kind, src, u, t, tz, d, cat, b, m, e, g, cp, tot, l
                  from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::date[], ?::text[], ?::int[],
                              ?::numeric[], ?::int[], ?::int[], ?::int[], ?::bigint[], ?::int[])
                       with ordinality as x(kind, src, u, t, tz, d, cat, b, m, e, g, cp, tot, l, n)
                 order by n""",
                column(c, "text", credited, x -> x.entry().kind()),
                column(c, "uuid", credited, x -> x.entry().sourceEventId()),
                column(c, "text", credited, x -> x.entry().userId()),
                column(c, "timestamptz", credited, x -> Timestamp.from(x.entry().occurredAt())),
                column(c, "text", credited, x -> x.entry().timeZone()),
                column(c, "date", credited, x -> java.sql.Date.valueOf(x.entry().localDay())),
                column(c, "text", credited, x -> x.entry().category()),
                column(c, "int4", credited, x -> x.entry().baseXp()),
                column(c, "numeric", credited, x -> x.entry().multiplier()),
                column(c, "int4", credited, x -> x.credit().earned()),
                column(c, "int4", credited, x -> x.credit().granted()),
                column(c, "int4", credited, x -> x.credit().capped()),
                column(c, "int8", credited, Credited::totalAfter),
                column(c, "int4", credited, Credited::level));
    }

    /** Keys are unique (one delta per user, day and category), locked in key order against deadlocks. */
    private static void addToDaily(Connection c, Map<DayKey, long[]> dailyDelta) throws SQLException {
        List<Map.Entry<DayKey, long[]>> deltas = new ArrayList<>(dailyDelta.entrySet());
        Sql.update(c, """
                insert into xp_daily (user_id, local_day, category, granted_xp, capped_xp)
                select u, d, cat, g, cp from unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[]) as x(u, d, cat, g, cp)
                 order by u, d, cat
                on conflict (user_id, local_day, category) do update
                   set granted_xp = xp_daily.granted_xp + excluded.granted_xp,
                       capped_xp = xp_daily.capped_xp + excluded.capped_xp""",
                column(c, "text", deltas, d -> d.getKey().userId()),
                column(c, "date", deltas, d -> java.sql.Date.valueOf(d.getKey().day())),
                column(c, "text", deltas, d -> d.getKey().category()),
                column(c, "int8", deltas, d -> d.getValue()[0]),
                column(c, "int8", deltas, d -> d.getValue()[1]));
    }

    private void updateTotals(Connection c, Map<String, Long> totals) throws SQLException {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(totals.entrySet());
        Sql.update(c, """
                update user_xp x set total_xp = t.total, level = t.level, updated_at = ?
                  from unnest(?::text[], ?::bigint[], ?::int[]) as t(u, total, level)
                 where x.user_id = t.u""", clock.instant(), column(c, "text", rows, Map.Entry::getKey),
                column(c, "int8", rows, Map.Entry::getValue), column(c, "int4", rows, t -> Levels.levelFor(t.getValue())));
    }

    private Map<DayKey, Long> grantedSoFar(Connection c, List<Entry> entries) throws SQLException {
        List<String> users = new ArrayList<>();
        List<String> days = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (DayKey k : entries.stream().map(e -> new DayKey(e.userId(), e.localDay(), e.category())).distinct().toList()) {
            users.add(k.userId());
            days.add(k.day().toString());
            categories.add(k.category());
        }
        Map<DayKey, Long> found = new HashMap<>();
        Sql.each(c, """
                select d.user_id, d.local_day, d.category, d.granted_xp
                  from xp_daily d
                  join unnest(?::text[], ?::text[]::date[], ?::text[]) k(user_id, local_day, category)
                    on d.user_id = k.user_id and d.local_day = k.local_day and d.category = k.category""",
                rs -> found.put(new DayKey(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)), rs.getLong(4)),
                c.createArrayOf("text", users.toArray()), c.createArrayOf("text", days.toArray()),
                c.createArrayOf("text", categories.toArray()));
        return found;
    }
}
