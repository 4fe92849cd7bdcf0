package com.xentree.profile.service;

import com.xentree.events.LocalDay;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The version of the XP profile reads ({@code foundation.reads.RenderedReads}), by key in one
 * statement: the row versions ({@code xmin}) of the rows the consumers maintain — the user
 * ({@code app_user}: zone, name, visibility), the total ({@code user_xp}, rewritten with every
 * granted XP, so XP by category cannot move without it) and the streak and quest figures
 * ({@code user_progress}) — with the user's "today" (streak figures lapse and quests expire with
 * the day) and, for the own profile, the boost active now.
 */
@ApplicationScoped
public class XpReadVersions {

    /** A public profile's owner and the version of the answer; empty when unknown or private. */
    public record PublicVersion(String userId, String version) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    /** Empty for a user not known yet (created on the first request, then read the usual way). */
    public Optional<String> profile(String userId) {
        Instant now = clock.instant();
        return Sql.withConnection(dataSource, c -> Sql.first(c,
                "select u.time_zone, u.xmin::text, x.xmin::text, p.xmin::text, b.xmin::text, b.id" + XpProfileService.USER_STANDING
                        + " left join lateral (%s) b on true where u.id = ?".formatted(XpBoosts.strongestActive("xmin, id")),
                rs -> LocalDay.today(now, rs.getString(1)) + "|" + rs.getString(1) + '|' + rs.getString(2) + '|' + rs.getString(3)
                        + '|' + rs.getString(4) + '|' + rs.getString(5) + '|' + rs.getString(6),
                now, now, userId));
    }

    /** Read on every request, so a profile turned private or a username given up is gone at once. */
    public Optional<PublicVersion> publicProfile(String username) {
        return Sql.withConnection(dataSource, c -> Sql.first(c,
                "select u.id, u.time_zone, u.xmin::text, x.xmin::text, p.xmin::text" + XpProfileService.USER_STANDING
                        + " where lower(u.username) = lower(?) and u.public_profile",
                rs -> new PublicVersion(rs.getString(1), LocalDay.today(clock.instant(), rs.getString(2)) + "|" + rs.getString(2)
                        + '|' + rs.getString(3) + '|' + rs.getString(4) + '|' + rs.getString(5)),
                username));
    }
}
