package com.xentree.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code learning.activity.v1}: one learning activity reported by a platform service. JSON field
 * names are the snake_case forms of the component names.
 */
public record LearningActivity(
        UUID eventId,
        String userId,
        Instant occurredAt,
        String timeZone,
        String activityType,
        String source,
        String category,
        Long durationSeconds,
        Integer xp,
        Integer score) {

    public LearningActivity {
        occurredAt = EventTime.of(occurredAt);
    }

    /** One activity longer than a day is a reporting bug, not learning. */
    public static final long MAX_DURATION_SECONDS = 86_400;
    public static final int MAX_XP = 100_000;
    /** Tolerated clock skew of the reporting service. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final int MAX_USER_ID_LENGTH = 128;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@:|-]{0,127}");

    /** The local day this activity counts on, fixed by its own time zone. */
    public LocalDate localDay() {
        return LocalDay.of(occurredAt, timeZone);
    }

    /** Base XP of DESIGN.md section 4: the event's xp if given, else one per full minute. */
    public int baseXp() {
        return xp != null ? xp : (int) (durationSeconds / 60);
    }

    public LearningActivity withTimeZone(String zone) {
        return new LearningActivity(eventId, userId, occurredAt, zone, activityType, source, category,
                durationSeconds, xp, score);
    }

    /**
     * Everything wrong with this event, as "field: problem" messages; empty when it is valid. The
     * ingestion API and every consumer apply the same rules.
     */
    public List<String> violations(Instant now) {
        List<String> problems = new ArrayList<>();
        if (eventId == null) {
            problems.add("event_id: required (UUID)");
        }
        if (userId == null || userId.isBlank()) {
            problems.add("user_id: required");
        } else if (!USER_ID.matcher(userId).matches()) {
            problems.add("user_id: 1-" + MAX_USER_ID_LENGTH + " characters of letters, digits and _ . @ : | -");
        }
        if (occurredAt == null) {
            problems.add("occurred_at: required (RFC 3339 timestamp)");
        } else if (occurredAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
            problems.add("occurred_at: lies in the future");
        }
        if (timeZone != null && !LocalDay.isIanaZone(timeZone)) {
            problems.add("time_zone: not an IANA time zone id (for example Europe/Berlin)");
        }
        checkIdentifier(problems, "activity_type", activityType);
        checkIdentifier(problems, "source", source);
        checkIdentifier(problems, "category", category);
        if (durationSeconds == null) {
            problems.add("duration_seconds: required");
        } else if (durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS) {
            problems.add("duration_seconds: must be between 0 and " + MAX_DURATION_SECONDS);
        }
        if (xp != null && (xp < 0 || xp > MAX_XP)) {
            problems.add("xp: must be between 0 and " + MAX_XP);
        }
        if (score != null && (score < 0 || score > 100)) {
            problems.add("score: must be between 0 and 100");
        }
        return problems;
    }

    private static void checkIdentifier(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": required");
        } else if (!IDENTIFIER.matcher(value).matches()) {
            problems.add(field + ": 1-64 lowercase letters, digits and _ . -");
        }
    }
}
