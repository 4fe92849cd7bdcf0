package com.xentree.profile;

import com.xentree.foundation.persistence.Timestamped;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A learner or any other user of the platform. The id is the identity provider's {@code sub}; the
 * username is unique regardless of case and is what public profile URLs use.
 */
@Entity
@Table(name = "app_user")
public class User extends Timestamped {

    /** 3-32 letters, digits and _ . -, starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");
    public static final int MAX_FULL_NAME = 100;
    public static final int MAX_URL = 2048;
    public static final int MAX_EMAIL = 254;

    @Id
    public String id;

    public String username;

    public String fullName;

    public String email;

    public String avatarUrl;

    public String timeZone;

    public boolean publicProfile;

    public static Optional<User> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResultOptional();
    }

    public static boolean usernameTakenByOther(String username, String userId) {
        return count("lower(username) = lower(?1) and id <> ?2", username, userId) > 0;
    }
}
