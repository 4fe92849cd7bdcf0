package com.xentree.foundation.reads;

import com.xentree.foundation.config.ReadsConfig;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Which learners' data changed, as this replica learns it from the service's {@code read_change}
 * log: statement triggers on every table a learner read depends on add one row per writing statement
 * with the users it touched (the service's migrations), so no write path can forget to say so.
 * <p>
 * The log is read in <em>polls</em>, each from the xmin of the previous poll's snapshot (every
 * transaction below it had ended by then), numbered by an epoch. A rendered answer remembers the
 * epoch before it was computed; it is current while none of its owner's changes came in a later
 * poll ({@link #unchangedSince}). Two kinds of poll keep that exact:
 * <ul>
 * <li>in the background every {@code xentree.reads.change-poll} (other replicas' writes: seen within
 * that delay, like a consumer a few milliseconds slower);</li>
 * <li>before a read, while this replica has a write running or one ended that no completed poll saw (its
 * consumers' batches and its non-GET requests, {@link #writeStarted}): what a client wrote through
 * this replica, or what its consumers committed, is read back at once.</li>
 * </ul>
 * While polls fail (or none ran yet) nothing counts as current and every read is computed afresh.
 */
@ApplicationScoped
public class ReadChanges {

    private static final Logger LOG = Logger.getLogger(ReadChanges.class);
    /** Rows older than this are deleted; a replica that could not poll for half of it starts over. */
    private static final long KEPT_MINUTES = 60;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ReadsConfig config;

    private final AtomicLong epoch = new AtomicLong();
    /** The epoch of the poll that last saw each user's change (until they are all forgotten at once). */
    private final ConcurrentHashMap<String, Long> changedIn = new ConcurrentHashMap<>();
    /** Answers from before this epoch are not current (a truncate, a long outage, a reset of {@link #changedIn}). */
    private volatile long floor = 1;
    private final AtomicInteger writesRunning = new AtomicInteger();
    /** Writes of this replica ended so far, and how many of them the last completed poll had seen committed. */
    private final AtomicLong writesEnded = new AtomicLong();
    private volatile long writesSeen;
    private volatile long watermark = -1;
    private final Set<Long> seenAtWatermark = new HashSet<>();
    private volatile long lastPollNanos;
    private long lastPruneNanos = System.nanoTime();
    private volatile ScheduledExecutorService poller;

    /** The epoch to file an answer under: read before the answer is computed. */
    public long epoch() {
        return epoch.get();
    }

    /**
     * Whether an answer of {@code owner} computed at {@code since} is still current: the log is read
     * (and, after this replica's own writes, read now) and no change of the owner came after it.
     */
    public boolean unchangedSince(String owner, long since) {
        return current() && unchangedAsOfLastPoll(owner, since);
    }

    /**
     * As {@link #unchangedSince}, without touching the database (for an event-loop thread): false
     * whenever the log would have to be read first.
     */
    public boolean unchangedSinceWithoutPolling(String owner, long since) {
        return poller != null && ownWritesSeen() && polledLately() && unchangedAsOfLastPoll(owner, since);
    }

    /** Whether answers may be served from memory at all: the log was read lately (and is read now after own writes). */
    public boolean current() {
        startPolling();
        // after an own write, only a poll that succeeds now makes memory current (a failed one must not lean on an older one)
        return (ownWritesSeen() || poll()) && polledLately();
    }

    /** No write of this replica is running, and a completed poll started after the last one ended. */
    private boolean ownWritesSeen() {
        return writesRunning.get() == 0 && writesSeen == writesEnded.get();
    }

    private boolean polledLately() {
        return watermark >= 0 && System.nanoTime() - lastPollNanos < config.changePollTimeout().toNanos();
    }

    private boolean unchangedAsOfLastPoll(String owner, long since) {
        Long changed = changedIn.get(owner);
        return since >= floor && (changed == null || changed <= since);
    }

    /** A write of this replica starts (a consumer's batch, a non-GET request): reads poll before they answer until it ended. */
    public void writeStarted() {
        writesRunning.incrementAndGet();
    }

    public void writeEnded() {
        writesEnded.incrementAndGet();
        writesRunning.decrementAndGet();
    }

    /**
     * The log names users: an erased user's name goes (the deletes of their rows just added it too),
     * and in its place a row that says "everything changed" drops every replica's rendered answers,
     * so none keeps the user's. Runs in the erasure's transaction; nothing where the service keeps no
     * log (one without rendered reads).
     */
    public void forget(Connection c, String userId) throws SQLException {
        if (Sql.exists(c, "select 1 where to_regclass('read_change') is not null")) {
            Sql.update(c, "update read_change set users = array_remove(users, ?) where users @> array[?]::text[]", userId, userId);
            Sql.update(c, "insert into read_change (users) values (null)");
        }
    }

    /** Reads the log now: every change committed before this call is taken into account when it returns true. */
    public synchronized boolean poll() {
        long ended = writesEnded.get(); // these committed before the snapshot below: seen once the changes are applied
        if (LOG.isDebugEnabled()) {
            LOG.debugf("poll (writes running: %s)", writesRunning.get());
        }
        try (Connection c = dataSource.getConnection()) {
            long xmin = snapshotXmin(c);
            if (watermark >= 0) {
                readChanges(c);
            }
            moveWatermark(xmin);
            lastPollNanos = System.nanoTime();
            writesSeen = ended;
            pruneNowAndThen(c);
            return true;
        } catch (SQLException e) { // writesSeen stays behind: the next read tries again
            LOG.debugf("read_change poll failed: %s", e.getMessage());
            return false;
        }
    }

    private static long snapshotXmin(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows of transactions not seen yet, from the watermark on: their users changed in a new epoch. */
    private void readChanges(Connection c) throws SQLException {
        if (System.nanoTime() - lastPollNanos > TimeUnit.MINUTES.toNanos(KEPT_MINUTES / 2)) {
            startOver();
            return;
        }
        long next = epoch.get() + 1;
        Set<Long> seenNow = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select xid, users from read_change where xid >= ?")) {
            ps.setLong(1, watermark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long xid = rs.getLong(1);
                    if (seenAtWatermark.contains(xid)) { // a transaction's rows all show in the same poll: taken then
                        continue;
                    }
                    seenNow.add(xid);
                    java.sql.Array users = rs.getArray(2);
                    if (users == null) {
                        seenAtWatermark.add(xid);
                        startOver();
                        return;
                    }
                    Object[] changed = (Object[]) users.getArray();
                    for (Object u : changed) {
                        changedIn.put((String) u, next);
                    }
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("transaction %s changed %s (epoch %s)", Long.toString(xid), java.util.Arrays.toString(changed), Long.toString(next));
                    }
                }
            }
        }
        seenAtWatermark.addAll(seenNow);
        if (!seenNow.isEmpty()) {
            epoch.set(next);
            if (changedIn.size() > config.maxTrackedChanges()) {
                startOver();
            }
        }
    }

    /** Everything held so far is not current any more (a truncate, a long outage, too many changes tracked). */
    private void startOver() {
        long next = epoch.incrementAndGet();
        floor = next;
        changedIn.clear();
    }

    /** Transactions seen are remembered only while they can still show up above the watermark. */
    private void moveWatermark(long xmin) {
        if (xmin != watermark) {
            seenAtWatermark.removeIf(xid -> xid < xmin);
        }
        if (watermark < 0) {
            startOver();
        }
        watermark = xmin;
    }

    private void pruneNowAndThen(Connection c) throws SQLException {
        if (System.nanoTime() - lastPruneNanos < TimeUnit.MINUTES.toNanos(5)) {
            return;
        }
        lastPruneNanos = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from read_change where at < clock_timestamp() - interval '" + KEPT_MINUTES + " minutes'");
        }
    }

    /** The background poll starts with the first read, so a replica that serves none polls nothing. */
    private void startPolling() {
        if (poller != null) {
            return;
        }
        synchronized (this) {
            if (poller != null) {
                return;
            }
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "read-change-poll");
                t.setDaemon(true);
                return t;
            });
            long every = config.changePoll().toMillis();
            poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
        }
        poll();
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
