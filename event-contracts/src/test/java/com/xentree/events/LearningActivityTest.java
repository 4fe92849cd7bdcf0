package com.xentree.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LearningActivityTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static LearningActivity valid() {
        return new LearningActivity(UUID.randomUUID(), "user-1", NOW.minusSeconds(60), "Europe/Berlin",
                "lesson_completed", "english", "vocabulary", 600L, null, 80);
    }

    @Test
    void aValidEventHasNoViolations() {
        assertEquals(List.of(), valid().violations(NOW));
    }

    @Test
    void everyBrokenFieldIsNamed() {
        LearningActivity broken = new LearningActivity(null, " ", NOW.plusSeconds(3600), "Mars/Base",
                "Lesson Completed", null, "x", -1L, -5, 101);
        List<String> problems = broken.violations(NOW);
        for (String field : List.of("event_id", "user_id", "occurred_at", "time_zone", "activity_type", "source",
                "duration_seconds", "xp", "score")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field + ":")), field + " in " + problems);
        }
        assertEquals(9, problems.size(), problems.toString());
    }

    @Test
    void instantsKeepMicrosecondsLikeTheDatabase() {
        Instant withNanos = Instant.parse("2026-11-23T14:18:23.989125678Z");
        LearningActivity a = new LearningActivity(UUID.randomUUID(), "u", withNanos, "UTC", "a", "s", "c", 60L, null, null);
        assertEquals(Instant.parse("2026-11-23T14:18:23.989125Z"), a.occurredAt());
        assertEquals(Instant.parse("2026-11-23T14:18:23.989125Z"), ProgressEvent.questCompleted(UUID.randomUUID(), withNanos, "u", "q",
                LocalDate.of(2026, 11, 23), 1.5, 30).occurredAt());
    }

    @Test
    void baseXpIsEventXpElseFullMinutes() {
        assertEquals(10, valid().baseXp());
        LearningActivity withXp = new LearningActivity(UUID.randomUUID(), "u", NOW, null, "a", "s", "c", 119L, 25, null);
        assertEquals(25, withXp.baseXp());
        LearningActivity almostTwoMinutes = new LearningActivity(UUID.randomUUID(), "u", NOW, null, "a", "s", "c", 119L, null, null);
        assertEquals(1, almostTwoMinutes.baseXp());
    }
}
