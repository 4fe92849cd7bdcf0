package com.xentree.foundation.erasure;

import com.xentree.events.ErasureHash;
import com.xentree.foundation.reads.ReadChanges;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users this service erased, remembered only by their keyed hash ({@link ErasureHash}): a user
 * on the list has no rows here, and every consumer drops their events ({@link #screen}), so neither
 * late events nor a replay of the topics brings them back.
 *
 * <p>Erasing and applying events for the same user exclude each other through transaction-scoped
 * advisory locks on one of {@value #BUCKETS} buckets of the hash: consumers take them shared before
 * they write anything, an erasure takes its bucket exclusively. So a batch that read the list before
 * an erasure committed has also written its rows before the erasure deletes, and a batch after it sees
 * the user on the list. Buckets, not users, bound the locks a 1000-user batch holds; both sides lock
 * in ascending bucket order, so they cannot deadlock.
 */
@Startup // built at start: a hash key too short stops the start instead of failing every request and batch later
@ApplicationScoped
public class ErasureList {

    static final int BUCKETS = 128;
    /** The first key of the two-key advisory locks: "ERAS", apart from every other advisory lock of the services. */
    private static final int LOCK_SPACE = 0x45524153;

    private final AgroalDataSource dataSource;
    private final ErasureHash hash;
    private final Instance<PersonalData> holders;
    private final ReadChanges readChanges;

    ErasureList(AgroalDataSource dataSource, ErasureConfig config, Instance<PersonalData> holders, ReadChanges readChanges) {
        this.dataSource = dataSource;
        this.hash = new ErasureHash(config.hashKey());
        this.holders = holders;
        this.readChanges = readChanges;
    }

    public String hashOf(String userId) {
        return hash.of(userId);
    }

    /**
     * Erases the users here: their rows in every {@link PersonalData} of this service, their name in the
     * learner reads' change log, and their hashes on the list. Runs in the caller's transaction; returns the users that were not on the list before.
     */
    public Set<String> erase(Collection<String> userIds, Instant at) {
        Map<String, String> byHash = hashes(userIds);
        try (Connection c = dataSource.getConnection()) {
            lock(c, "pg_advisory_xact_lock", byHash.keySet());
            Set<String> fresh = new HashSet<>();
            for (Map.Entry<String, String> user : byHash.entrySet()) {
                if (remember(c, user.getKey(), at)) {
                    fresh.add(user.getValue());
                }
                for (PersonalData holder : holders) {
                    holder.erase(user.getValue());
                }
                readChanges.forget(c, user.getValue()); // after the deletes, which name the user in the change log too
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("could not erase a user", e);
        }
    }

    /**
     * Which of these users are erased. Takes the shared locks of their buckets until the transaction
     * ends, so call it in the consumer's transaction before anything is written.
     */
    public Set<String> screen(Collection<String> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = hashes(userIds);
        try (Connection c = dataSource.getConnection()) {
            lock(c, "pg_advisory_xact_lock_shared", byHash.keySet());
            Set<String> erased = new HashSet<>();
            for (String listed : listed(c, byHash.keySet())) {
                erased.add(byHash.get(listed));
            }
            return erased;
        }
    }

    /** Whether the user is on the list (no lock: for requests that refuse an erased user). */
    public boolean isErased(String userId) {
        try (Connection c = dataSource.getConnection()) {
            return !listed(c, Set.of(hashOf(userId))).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the erasure list", e);
        }
    }

    private Map<String, String> hashes(Collection<String> userIds) {
        Map<String, String> byHash = new HashMap<>();
        for (String userId : userIds) {
            byHash.put(hashOf(userId), userId);
        }
        return byHash;
    }

    private static boolean remember(Connection c, String userHash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into erased_user (user_hash, erased_at) values (?, ?) on conflict do nothing")) {
            ps.setString(1, userHash);
            ps.setObject(2, java.sql.Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }

    private static Set<String> listed(Connection c, Set<String> hashes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select user_hash from erased_user where user_hash = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    private static void lock(Connection c, String function, Set<String> hashes) throws SQLException {
        // ascending bucket order on both sides: a consumer and an erasure never wait for each other in a circle
        TreeSet<Integer> buckets = new TreeSet<>();
        for (String h : hashes) {
            buckets.add(Integer.parseInt(h.substring(0, 6), 16) % BUCKETS);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select " + function + "(?, b) from unnest(?::int[]) with ordinality as u(b, n) order by n")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setArray(2, c.createArrayOf("integer", buckets.toArray()));
            ps.executeQuery().close();
        }
    }
}
