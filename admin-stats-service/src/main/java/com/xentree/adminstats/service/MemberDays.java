package com.xentree.adminstats.service;

import com.xentree.adminstats.config.DashboardConfig;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engagement dashboard's read-ready state: member_day of the members asked for, in memory as
 * arrays per member, so that a dashboard sums arrays instead of having PostgreSQL visit each
 * member's index entries (10,000 members: 30,000 index probes and up to 800,000 rows a request).
 * Each read first brings it up to date within one snapshot: member_day_change names the users
 * whose days a transaction changed (statement triggers on member_day, V40), and from the
 * snapshot's xmin on every later change is seen by the next read, so an answer is never older
 * than the committed data when it was asked for. Users never asked for are not held. What each read
 * finds in the log (also the members' names, last activity and organizations, V41) is passed on to
 * the rendered dashboards ({@link DashboardAnswers}).
 */
@ApplicationScoped
public class MemberDays {

    /** A reader that was idle longer than this starts over: the change log keeps rows for twice as long. */
    static final Duration CURRENT_FOR = Duration.ofMinutes(30);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DashboardConfig config;
    @Inject
    DashboardAnswers answers;

    /** One member's days, ascending (epoch days), with what was summed on each. */
    public record Series(int[] days, long[] seconds, int[] sessions, long[] xp) {

        static final Series NONE = new Series(new int[0], new long[0], new int[0], new long[0]);

        /** The index of the first day on or after {@code day}. */
        public int from(LocalDate day) {
            int i = Arrays.binarySearch(days, (int) day.toEpochDay());
            return i >= 0 ? i : -i - 1;
        }

        /** The last day with a session on or before {@code day}, or null. */
        public LocalDate lastActiveDay(LocalDate day) {
            for (int i = from(day.plusDays(1)) - 1; i >= 0; i--) {
                if (sessions[i] > 0) {
                    return LocalDate.ofEpochDay(days[i]);
                }
            }
            return null;
        }

        int size() {
            return days.length;
        }
    }

    private final Map<String, Series> byUser = new HashMap<>();
    private long heldDays;
    /** The xmin of the snapshot the copy was last brought up to date in; -1: nothing held. */
    private long watermark = -1;
    private long currentAt;

    /**
     * The days of these users as committed when called (absent: none), or null when they have more
     * days than may be held (the caller sums them in PostgreSQL).
     */
    public synchronized Map<String, Series> of(List<String> users) throws SQLException {
        return inSnapshot(c -> read(c, users, config.memoryMemberDays()));
    }

    /** Reads the change log now, asking for no one's days: the days held and the rendered dashboards become current. */
    public synchronized void poll() throws SQLException {
        inSnapshot(c -> read(c, List.of(), config.memoryMemberDays()));
    }

    private <T> T inSnapshot(Sql.Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only"); // this transaction only: the pool's connection stays as it was
                T answer = work.apply(c);
                c.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                startOver();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Map<String, Series> read(Connection c, List<String> users, long max) throws SQLException {
        long xmin = snapshotXmin(c);
        Set<String> reload = changedSince(c);
        watermark = xmin;
        currentAt = System.nanoTime();
        if (max <= 0) {
            return null;
        }
        for (String u : users) {
            if (!byUser.containsKey(u)) {
                reload.add(u);
            }
        }
        if (!reload.isEmpty()) {
            if (heldDays + count(c, reload) > max) {
                keepOnly(users);
                if (heldDays + count(c, reload) > max) {
                    forgetDays();
                    return null;
                }
            }
            load(c, reload);
        }
        Map<String, Series> answer = new HashMap<>(users.size() * 2);
        for (String u : users) {
            answer.put(u, byUser.getOrDefault(u, Series.NONE));
        }
        return answer;
    }

    /** The first statement takes the snapshot: every transaction before its xmin is visible or gone. */
    private static long snapshotXmin(Connection c) throws SQLException {
        return Sql.number(c, "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
    }

    /**
     * Reads the log from the last read's xmin on and tells the rendered dashboards what changed;
     * returns the users held whose days may have changed. After a truncate or a long pause
     * everything counts as changed.
     */
    private Set<String> changedSince(Connection c) throws SQLException {
        Set<String> users = new HashSet<>();
        Set<UUID> organizations = new HashSet<>();
        boolean stale = watermark < 0 || System.nanoTime() - currentAt > CURRENT_FOR.toNanos();
        AtomicBoolean truncated = new AtomicBoolean(); // a row naming no one: a truncate, or a change to everything
        if (!stale) {
            Sql.each(c, """
                    select users, organizations, users is null and organizations is null
                      from member_day_change where xid >= ?""", rs -> {
                if (rs.getBoolean(3)) {
                    truncated.set(true);
                }
                addAll(users, rs.getArray(1));
                addAll(organizations, rs.getArray(2));
            }, watermark);
        }
        if (stale || truncated.get()) {
            forgetDays();
            answers.changedAll();
            return new HashSet<>();
        }
        answers.changed(users, organizations);
        users.retainAll(byUser.keySet());
        return users;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addAll(Set<T> set, java.sql.Array array) throws SQLException {
        if (array != null) {
            set.addAll(List.of((T[]) array.getArray()));
        }
    }

    private static long count(Connection c, Set<String> users) throws SQLException {
        return Sql.number(c, "select count(*) from member_day where user_id = any(?)", c.createArrayOf("text", users.toArray()));
    }

    private void load(Connection c, Set<String> users) throws SQLException {
        for (String u : users) {
            Series old = byUser.remove(u);
            heldDays -= old == null ? 0 : old.size();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select user_id, day, learning_seconds, sessions, xp from member_day where user_id = any(?) order by user_id, day""")) {
            ps.setFetchSize(10_000);
            ps.setArray(1, c.createArrayOf("text", users.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                Builder b = null;
                while (rs.next()) {
                    String u = rs.getString(1);
                    if (b == null || !b.user.equals(u)) {
                        put(b);
                        b = new Builder(u);
                    }
                    b.add((int) rs.getObject(2, LocalDate.class).toEpochDay(), rs.getLong(3), rs.getInt(4), rs.getLong(5));
                }
                put(b);
            }
        }
        for (String u : users) {
            byUser.putIfAbsent(u, Series.NONE);
        }
    }

    private void put(Builder b) {
        if (b != null) {
            Series s = b.build();
            byUser.put(b.user, s);
            heldDays += s.size();
        }
    }

    private void keepOnly(List<String> users) {
        Set<String> keep = new HashSet<>(users);
        byUser.keySet().removeIf(u -> !keep.contains(u));
        heldDays = byUser.values().stream().mapToLong(Series::size).sum();
    }

    private void forgetDays() {
        byUser.clear();
        heldDays = 0;
    }

    /** The log could not be read: nothing held counts as current until it is read again from scratch. */
    private void startOver() {
        forgetDays();
        watermark = -1;
        answers.changedAll();
    }

    /** The change log is read from the last read's xmin on: rows of an hour ago are behind every reader that is still current. */
    @Scheduled(every = "10m", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, "delete from member_day_change where at < clock_timestamp() - interval '1 hour'");
        }
    }

    /** One member's rows as they come, in arrays that grow (no object per row while loading). */
    private static final class Builder {

        final String user;
        int n;
        int[] days = new int[16];
        long[] seconds = new long[16];
        int[] sessions = new int[16];
        long[] xp = new long[16];

        Builder(String user) {
            this.user = user;
        }

        void add(int day, long daySeconds, int daySessions, long dayXp) {
            if (n == days.length) {
                days = Arrays.copyOf(days, n * 2);
                seconds = Arrays.copyOf(seconds, n * 2);
                sessions = Arrays.copyOf(sessions, n * 2);
                xp = Arrays.copyOf(xp, n * 2);
            }
            days[n] = day;
            seconds[n] = daySeconds;
            sessions[n] = daySessions;
            xp[n] = dayXp;
            n++;
        }

        Series build() {
            return new Series(Arrays.copyOf(days, n), Arrays.copyOf(seconds, n), Arrays.copyOf(sessions, n), Arrays.copyOf(xp, n));
        }
    }
}
