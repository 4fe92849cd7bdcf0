package com.xentree.events;

import java.util.List;

/** The Kafka topics of DESIGN.md section 3: the only coupling between the services. */
public final class Topics {

    public static final String LEARNING_ACTIVITY = "learning.activity.v1";
    public static final String XP_AWARDED = "xp.awarded.v1";
    /** Compacted, key = user id. */
    public static final String USER_PROFILE = "user.profile.v1";
    public static final String ANALYTICS_PROGRESS = "analytics.progress.v1";
    /** Compacted, key = {@code organization_id:user_id}. */
    public static final String ORG_MEMBERSHIP = "org.membership.v1";
    /** Compacted, key = API key id. */
    public static final String API_KEYS = "auth.api-keys.v1";
    /** Compacted, key = the erased user's keyed hash ({@link ErasureHash}). */
    public static final String USER_ERASURE = "user.erasure.v1";

    public static final List<String> ALL =
            List.of(LEARNING_ACTIVITY, XP_AWARDED, USER_PROFILE, ANALYTICS_PROGRESS, ORG_MEMBERSHIP, API_KEYS,
                    USER_ERASURE);

    public static final List<String> COMPACTED = List.of(USER_PROFILE, ORG_MEMBERSHIP, API_KEYS, USER_ERASURE);

    private Topics() {
    }

    /** Where a consumer parks a record it cannot parse or validate, with the reason. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
