package com.xentree.profile.service;

import com.xentree.events.ApiKeys;
import com.xentree.events.LocalDay;
import com.xentree.events.Topics;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.rest.ApiException;
import com.xentree.profile.User;
import com.xentree.profile.mapping.UserMapper;
import com.xentree.profile.rest.UserRequests;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Users: created just in time from the caller's JWT claims, upserted by platform admins, edited by
 * themselves. Every change is announced on {@code user.profile.v1} through the outbox.
 */
@ApplicationScoped
public class UserService {

    /** A user created or updated by an upsert, and whether it was created. */
    public record Upserted(User user, boolean created) {
    }

    @Inject
    Outbox outbox;
    @Inject
    UserErasure erasure;
    @Inject
    Clock clock;

    /** The caller's user, created from the token's claims on their first authenticated request. */
    @Transactional
    public User current(SecurityIdentity identity) {
        String id = identity.getPrincipal().getName();
        User existing = User.findById(id);
        if (existing != null) {
            return existing;
        }
        erasure.refuseErased(id); // an erased user's token is still valid: it must not bring them back
        JsonWebToken jwt = identity.getPrincipal() instanceof JsonWebToken t ? t : null;
        String preferred = jwt == null ? null : jwt.getClaim("preferred_username");
        String name = jwt == null ? null : jwt.getClaim("name");
        String email = jwt == null ? null : jwt.getClaim("email");
        String zone = jwt == null ? null : jwt.getClaim("zoneinfo");
        Instant now = now();
        for (int attempt = 0; attempt < 5; attempt++) {
            User user = new User();
            user.id = id;
            user.username = candidateUsername(preferred, email, id, attempt);
            if (User.findByUsername(user.username).isPresent()) {
                continue;
            }
            user.fullName = name == null || name.isBlank() ? null : truncate(name.strip(), User.MAX_FULL_NAME);
            user.email = email != null && email.length() <= User.MAX_EMAIL && email.matches("[^@\\s]+@[^@\\s]+") ? email : null;
            user.timeZone = LocalDay.isIanaZone(zone) ? zone : LocalDay.DEFAULT_ZONE.getId();
            user.publicProfile = true;
            user.createdAt = now;
            user.updatedAt = now;
            if (insertIfAbsent(user)) {
                announce(user);
                return user;
            }
            User raced = User.findById(id);
            if (raced != null) {
                return raced; // a concurrent first request created it
            }
            // the username was taken meanwhile: try the next candidate
        }
        throw new ApiException(409, "Could not choose a free username; create the user with POST /api/v1/users");
    }

    @Transactional
    public Upserted upsert(UserRequests.Upsert request) {
        erasure.refuseErased(request.userId());
        requireZone(request.timeZone());
        requireUrl(request.profilePictureUrl());
        if (User.usernameTakenByOther(request.username(), request.userId())) {
            throw new ApiException(409, "Username '" + request.username() + "' is taken");
        }
        User user = User.findById(request.userId());
        boolean created = user == null;
        Instant now = now();
        if (created) {
            user = new User();
            user.id = request.userId();
            user.timeZone = LocalDay.DEFAULT_ZONE.getId();
            user.publicProfile = true;
            user.createdAt = now;
        }
        List<Object> before = state(user);
        user.username = request.username();
        user.fullName = request.fullName() != null ? blankToNull(request.fullName()) : user.fullName;
        user.email = request.email() != null ? request.email() : user.email;
        user.avatarUrl = request.profilePictureUrl() != null ? blankToNull(request.profilePictureUrl()) : user.avatarUrl;
        user.timeZone = request.timeZone() != null ? request.timeZone() : user.timeZone;
        user.publicProfile = request.publicProfile() != null ? request.publicProfile() : user.publicProfile;
        if (created || !before.equals(state(user))) {
            user.updatedAt = now;
            if (created) {
                user.persist();
            }
            try {
                User.flush(); // a username taken by a concurrent request fails here, as a 409
            } catch (PersistenceException e) {
                throw new ApiException(409, "Username '" + request.username() + "' is taken");
            }
            announce(user);
        }
        return new Upserted(user, created);
    }

    @Transactional
    public User update(String userId, UserRequests.Patch patch) {
        requireZone(patch.timeZone());
        requireUrl(patch.profilePictureUrl());
        User user = User.findById(userId);
        if (user == null) {
            throw new ApiException(404, "User not found");
        }
        List<Object> before = state(user);
        if (patch.fullName() != null) {
            user.fullName = blankToNull(patch.fullName());
        }
        if (patch.profilePictureUrl() != null) {
            user.avatarUrl = blankToNull(patch.profilePictureUrl());
        }
        if (patch.timeZone() != null) {
            user.timeZone = patch.timeZone();
        }
        if (patch.publicProfile() != null) {
            user.publicProfile = patch.publicProfile();
        }
        if (!before.equals(state(user))) {
            user.updatedAt = now();
            announce(user);
        }
        return user;
    }

    private void announce(User user) {
        outbox.add(List.of(new Outbox.Message(Topics.USER_PROFILE, user.id, UserMapper.toEvent(user))));
    }

    /** Inserts unless the id or the username exists; true when inserted. */
    private static boolean insertIfAbsent(User u) {
        return Panache.getEntityManager().createNativeQuery("""
                insert into app_user (id, username, full_name, email, avatar_url, time_zone, public_profile, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict do nothing""")
                .setParameter(1, u.id).setParameter(2, u.username).setParameter(3, u.fullName).setParameter(4, u.email)
                .setParameter(5, u.avatarUrl).setParameter(6, u.timeZone).setParameter(7, u.publicProfile)
                .setParameter(8, u.createdAt).setParameter(9, u.updatedAt)
                .executeUpdate() == 1;
    }

    /**
     * The token's preferred username if it is valid; otherwise one derived from it (or from the
     * email's local part) with a suffix from the user id, then with random suffixes.
     */
    private static String candidateUsername(String preferred, String email, String userId, int attempt) {
        boolean preferredValid = preferred != null && User.USERNAME.matcher(preferred).matches();
        if (attempt == 0 && preferredValid) {
            return preferred;
        }
        String seed = preferred != null ? preferred : email != null ? email.split("@")[0] : "learner";
        String base = seed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        base = truncate(base.length() < 3 ? "learner" : base, 24);
        String suffix = attempt <= 1 ? ApiKeys.sha256Hex(userId).substring(0, 6)
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        return base + "-" + suffix;
    }

    private static List<Object> state(User u) {
        return Arrays.asList(u.username, u.fullName, u.email, u.avatarUrl, u.timeZone, u.publicProfile);
    }

    private static void requireZone(String zone) {
        if (zone != null && !LocalDay.isIanaZone(zone)) {
            throw new ApiException(422, "time_zone: not an IANA time zone id (for example Europe/Berlin)");
        }
    }

    private static void requireUrl(String url) {
        if (url == null || url.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(url);
            if (!Objects.equals(uri.getScheme(), "https") && !Objects.equals(uri.getScheme(), "http") || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ApiException(422, "profile_picture_url: must be an absolute http(s) URL");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private Instant now() {
        // microseconds: what PostgreSQL stores, so a re-read equals what was announced
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
