package com.xentree.adminstats.service;

import com.xentree.adminstats.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The engagement dashboard's rendered answers: the JSON of each (organization, team, range) as last
 * computed, kept while nothing it shows changed. {@link MemberDays} reads the change log (V40, V41)
 * and passes on which users and organizations changed: an answer is dropped when its organization
 * (its name, teams or memberships) changed or one of its members did (days, name, last activity).
 * <p>
 * Changes are numbered by an epoch. An answer is kept only if none of what it shows changed after the
 * epoch read before it was computed, so an answer is never held as newer than the data it saw.
 * Bounded by the bytes held ({@code xentree.dashboard.rendered-max-bytes}).
 */
@ApplicationScoped
public class DashboardAnswers {

    /** An answer's bytes and their entity tag. */
    public record Answer(byte[] body, EntityTag tag) {
    }

    private record Held(UUID organizationId, Set<String> members, Answer answer) {
    }

    @Inject
    DashboardConfig config;

    private final Map<String, Held> held = new HashMap<>();
    private long bytes;
    private long epoch = 1;
    /** Answers computed before this epoch are not kept (the change maps below were reset then). */
    private long floor = 1;
    /** The epoch each user's or organization's last change came in, since {@link #floor}. */
    private final Map<String, Long> userChangedIn = new HashMap<>();
    private final Map<UUID, Long> organizationChangedIn = new HashMap<>();

    /** The epoch to file an answer under: read before it is computed. */
    synchronized long epoch() {
        return epoch;
    }

    synchronized Answer get(String key) {
        Held h = held.get(key);
        return h == null ? null : h.answer();
    }

    /** Keeps an answer computed from the data as of {@code since}, unless something it shows changed after that. */
    synchronized void put(String key, UUID organizationId, Collection<String> members, Answer answer, long since) {
        long max = config.renderedMaxBytes();
        if (since < floor || answer.body().length > max || changedAfter(since, organizationId, members)) {
            return;
        }
        drop(key);
        for (Iterator<String> it = held.keySet().iterator(); bytes + answer.body().length > max && it.hasNext(); ) {
            bytes -= held.get(it.next()).answer().body().length;
            it.remove();
        }
        held.put(key, new Held(organizationId, Set.copyOf(members), answer));
        bytes += answer.body().length;
    }

    private boolean changedAfter(long since, UUID organizationId, Collection<String> members) {
        if (organizationChangedIn.getOrDefault(organizationId, 0L) > since) {
            return true;
        }
        for (String m : members) {
            if (userChangedIn.getOrDefault(m, 0L) > since) {
                return true;
            }
        }
        return false;
    }

    /** These users and organizations changed: the answers showing any of them are dropped. */
    synchronized void changed(Set<String> users, Set<UUID> organizations) {
        if (users.isEmpty() && organizations.isEmpty()) {
            return;
        }
        long now = ++epoch;
        if (userChangedIn.size() + users.size() > config.maxTrackedChanges()) {
            userChangedIn.clear();
            organizationChangedIn.clear();
            floor = now;
        }
        users.forEach(u -> userChangedIn.put(u, now));
        organizations.forEach(o -> organizationChangedIn.put(o, now));
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (organizations.contains(h.organizationId()) || users.stream().anyMatch(h.members()::contains)) {
                bytes -= h.answer().body().length;
                it.remove();
            }
        }
    }

    /** Anything may have changed (a truncate, an erasure, the log not read for long): no answer held is current. */
    synchronized void changedAll() {
        floor = ++epoch;
        userChangedIn.clear();
        organizationChangedIn.clear();
        held.clear();
        bytes = 0;
    }

    private void drop(String key) {
        Held old = held.remove(key);
        if (old != null) {
            bytes -= old.answer().body().length;
        }
    }
}
