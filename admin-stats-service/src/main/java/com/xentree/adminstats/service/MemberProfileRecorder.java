package com.xentree.adminstats.service;

import com.xentree.events.UserProfileChanged;
import com.xentree.foundation.messaging.ProfileCopy;
import com.xentree.foundation.messaging.UserProfileHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Keeps members' names, emails, avatars and zones from {@code user.profile.v1} (the newest fact wins),
 * and when each user came into being on the platform (the earliest announced), which bounds back-dated joins.
 */
@ApplicationScoped
public class MemberProfileRecorder implements UserProfileHandler {

    private static final String UPSERT = """
            insert into member_profile (%s) values (%s)
            on conflict (user_id) do update
               set username = excluded.username, full_name = excluded.full_name, email = excluded.email,
                   avatar_url = excluded.avatar_url, time_zone = excluded.time_zone, updated_at = excluded.updated_at,
                   created_at = least(member_profile.created_at, excluded.created_at)
             where member_profile.updated_at <= excluded.updated_at""".formatted(ProfileCopy.COLUMNS, ProfileCopy.VALUES);

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void apply(List<UserProfileChanged> events) {
        ProfileCopy.write(dataSource, UPSERT, events, ProfileCopy.NOTHING_MORE);
    }
}
