package com.xentree.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a consumer must know of a topic to read it: its name, its record type, how to find an
 * event's id and its user, and the contract's own validation. One constant per topic of
 * DESIGN.md section 3, so no handler re-declares them.
 */
public record TopicContract<T>(String topic, Class<T> type, Function<T, UUID> eventId, Function<T, String> userId,
        BiFunction<T, Instant, List<String>> violations) {

    /** Validated by the same rules as the ingestion API; the only contract whose rules need the time. */
    public static final TopicContract<LearningActivity> LEARNING_ACTIVITY = new TopicContract<>(Topics.LEARNING_ACTIVITY,
            LearningActivity.class, LearningActivity::eventId, LearningActivity::userId, LearningActivity::violations);

    public static final TopicContract<XpAwarded> XP_AWARDED = new TopicContract<>(Topics.XP_AWARDED, XpAwarded.class,
            XpAwarded::eventId, XpAwarded::userId, (event, now) -> event.violations());

    public static final TopicContract<UserProfileChanged> USER_PROFILE = new TopicContract<>(Topics.USER_PROFILE,
            UserProfileChanged.class, UserProfileChanged::eventId, UserProfileChanged::userId, (event, now) -> event.violations());

    public static final TopicContract<ProgressEvent> ANALYTICS_PROGRESS = new TopicContract<>(Topics.ANALYTICS_PROGRESS,
            ProgressEvent.class, ProgressEvent::eventId, ProgressEvent::userId, (event, now) -> event.violations());

    public static final TopicContract<OrgMembershipChanged> ORG_MEMBERSHIP = new TopicContract<>(Topics.ORG_MEMBERSHIP,
            OrgMembershipChanged.class, OrgMembershipChanged::eventId, OrgMembershipChanged::userId, (event, now) -> event.violations());

    /**
     * About no one user as far as the consumers are concerned: an erasure must never be dropped as
     * an event of an erased user.
     */
    public static final TopicContract<UserErased> USER_ERASURE = new TopicContract<>(Topics.USER_ERASURE, UserErased.class,
            UserErased::eventId, event -> null, (event, now) -> event.violations());
}
