package com.xentree.foundation.jobs;

import com.xentree.foundation.config.MessagingConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Jobs meant to run on one replica at a time, across any number of replicas, through a lease in
 * the database ({@code job_lease}): the replica holding an unexpired lease is the job's one
 * writer; it renews the lease on every tick, and when it dies the lease expires and the next
 * replica to tick takes it over. Whether a run is due is decided by the data too (the lease row's
 * {@code last_run_at}, in the database's clock): a run and its stamp commit together under the
 * row's lock, so even two replicas that both believe they hold the lease (one paused past its
 * expiry) cannot run the job twice in one interval.
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);

    private final AgroalDataSource dataSource;
    private final String replica;
    private final Duration ttl;

    /**
     * @param ttl how long a lease outlives its holder's last renewal: a replica that died hands its
     *        jobs over after at most this long (holders renew on every tick, {@code xentree.jobs.tick}).
     *        Keep it longer than a run: a holder does not renew while it runs, so a longer run lets
     *        the lease pass to another replica (which still waits for the run to commit, and for
     *        the next interval).
     */
    Leases(AgroalDataSource dataSource, MessagingConfig config,
            @ConfigProperty(name = "xentree.jobs.lease-ttl", defaultValue = "5s") Duration ttl) {
        this.dataSource = dataSource;
        this.replica = config.instanceId();
        this.ttl = ttl;
    }

    /** The work of a job, run in the transaction that stamps the run. */
    @FunctionalInterface
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    /**
     * Takes or renews the lease of {@code job}, and if this replica holds it and the last run is at
     * least {@code interval} ago, runs {@code work}. Call it on every tick. Returns whether it ran.
     */
    public boolean runIfDue(String job, Duration interval, Work work) {
        if (!hold(job)) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!stampDueRun(c, job, interval)) {
                    return false;
                }
                work.run(c);
                return true;
            }
        });
    }

    /** When the job last ran, on whichever replica: what it produced is as fresh as this. */
    public Optional<Instant> lastRun(String job) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select last_run_at from job_lease where job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the lease of " + job, e);
        }
    }

    /** Takes the lease if it is free or expired, renews it if it is ours; true if this replica holds it now. */
    boolean hold(String job) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into job_lease as l (job, holder, expires_at) values (?, ?, now() + ?::interval)
                    on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at
                     where l.holder = excluded.holder or l.expires_at < now()
                    returning 1""")) {
                ps.setString(1, job);
                ps.setString(2, replica);
                ps.setString(3, ttl.toMillis() + " milliseconds");
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Stamps a run of {@code job} by this holder if one is due, and keeps the row locked until the
     * run commits: another replica's stamp waits, then finds the run done.
     */
    private boolean stampDueRun(Connection c, String job, Duration interval) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update job_lease set last_run_at = now(), runs = runs + 1
                 where job = ? and holder = ? and (last_run_at is null or last_run_at <= now() - ?::interval)
                returning runs, last_run_at""")) {
            ps.setString(1, job);
            ps.setString(2, replica);
            ps.setString(3, interval.toMillis() + " milliseconds");
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                // one line per run, whichever replica: how often a job ran, and where, can be read from the logs
                LOG.infof("job %s: run %d by %s, stamped %s", job, rs.getLong(1), replica, rs.getTimestamp(2).toInstant());
                return true;
            }
        }
    }
}
