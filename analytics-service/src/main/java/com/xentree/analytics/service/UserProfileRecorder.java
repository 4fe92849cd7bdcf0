package com.xentree.analytics.service;

import com.xentree.events.UserProfileChanged;
import com.xentree.foundation.messaging.ProfileCopy;
import com.xentree.foundation.messaging.UserProfileHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Keeps the users' names and time zones from {@code user.profile.v1}; the newest fact wins. */
@ApplicationScoped
public class UserProfileRecorder implements UserProfileHandler {

    private static final String UPSERT = """
            insert into user_profile (%s, public_profile) values (%s, ?)
            on conflict (user_id) do update
               set username = excluded.username, full_name = excluded.full_name, avatar_url = excluded.avatar_url,
                   time_zone = excluded.time_zone, updated_at = excluded.updated_at, email = excluded.email,
                   created_at = excluded.created_at, public_profile = excluded.public_profile
             where user_profile.updated_at <= excluded.updated_at""".formatted(ProfileCopy.COLUMNS, ProfileCopy.VALUES);

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<UserProfileChanged> events) {
        ProfileCopy.write(dataSource, UPSERT, events, (ps, first, event) -> ps.setBoolean(first, event.publicProfile()));
    }
}
