package com.xentree.profile.service;

import com.xentree.events.LocalDay;
import com.xentree.foundation.reads.RenderedReads.Rendition;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * What the XP profile answers ({@code foundation.reads.RenderedReads}) stay valid for besides their
 * user's changes: until the user's day turns (streak figures lapse, quests expire with the day) or a
 * boost of theirs starts or ends, whichever comes first.
 */
@ApplicationScoped
public class XpRenditions {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    XpProfileService xp;

    /** The own profile of a known user; empty for one not known yet (created on the first request, then read the usual way). */
    public Optional<Rendition> profile(String userId, Instant now) {
        return xp.profile(userId).map(answer -> new Rendition(answer, userId, validUntil(userId, now)));
    }

    /** Computed afresh whenever its owner changes, so a profile turned private or a username given up is gone at once. */
    public Optional<Rendition> publicProfile(String username, Instant now) {
        return owner(username).flatMap(owner -> xp.publicProfile(username).map(answer -> new Rendition(answer, owner, validUntil(owner, now))));
    }

    private Optional<String> owner(String username) {
        return Sql.withConnection(dataSource, c -> Sql.first(c, "select id from app_user where lower(username) = lower(?) and public_profile",
                rs -> rs.getString(1), username));
    }

    /** The user's next midnight or the next start or end of one of their boosts after {@code now}; {@code now} if the user is gone. */
    private Instant validUntil(String userId, Instant now) {
        return Sql.withConnection(dataSource, c -> Sql.first(c, """
                select u.time_zone,
                       (select min(least(case when b.starts_at > ? then b.starts_at end, b.ends_at))
                          from xp_boost b where b.user_id = u.id and b.ends_at > ?)
                  from app_user u where u.id = ?""", rs -> earlier(LocalDay.nextDayStarts(now, rs.getString(1)), rs.getTimestamp(2)),
                Timestamp.from(now), Timestamp.from(now), userId)).orElse(now);
    }

    private static Instant earlier(Instant dayTurns, Timestamp boostEdge) {
        return boostEdge != null && boostEdge.toInstant().isBefore(dayTurns) ? boostEdge.toInstant() : dayTurns;
    }
}
