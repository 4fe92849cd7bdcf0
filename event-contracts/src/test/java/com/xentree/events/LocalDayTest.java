package com.xentree.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LocalDayTest {

    @Test
    void sameInstantFallsOnDifferentDaysAcrossZones() {
        Instant instant = Instant.parse("2026-03-10T11:30:00Z");
        assertEquals(LocalDate.parse("2026-03-10"), LocalDay.of(instant, "UTC"));
        assertEquals(LocalDate.parse("2026-03-11"), LocalDay.of(instant, "Pacific/Auckland"));
        assertEquals(LocalDate.parse("2026-03-10"), LocalDay.of(instant, "America/Los_Angeles"));
    }

    @Test
    void eventZoneWinsOverUserZoneAndUtcIsTheLastResort() {
        Instant instant = Instant.parse("2026-01-01T23:30:00Z");
        assertEquals(LocalDate.parse("2026-01-02"), LocalDay.of(instant, "Europe/Berlin", "UTC"));
        assertEquals(LocalDate.parse("2026-01-02"), LocalDay.of(instant, null, "Europe/Berlin"));
        assertEquals(LocalDate.parse("2026-01-01"), LocalDay.of(instant, null, null));
    }

    @Test
    void dstChangeKeepsTheLocalDate() {
        // Berlin moves from +01:00 to +02:00 at 2026-03-29T01:00Z
        assertEquals(LocalDate.parse("2026-03-29"), LocalDay.of(Instant.parse("2026-03-28T23:30:00Z"), "Europe/Berlin"));
        assertEquals(LocalDate.parse("2026-03-29"), LocalDay.of(Instant.parse("2026-03-29T21:59:00Z"), "Europe/Berlin"));
        assertEquals(LocalDate.parse("2026-03-30"), LocalDay.of(Instant.parse("2026-03-29T22:00:00Z"), "Europe/Berlin"));
    }

    @Test
    void theDefaultZoneIsItselfAValidZoneToStampOnEvents() {
        assertTrue(LocalDay.isIanaZone(LocalDay.DEFAULT_ZONE.getId()));
    }

    @Test
    void onlyIanaRegionIdsAreZones() {
        assertTrue(LocalDay.isIanaZone("Europe/Berlin"));
        assertTrue(LocalDay.isIanaZone("UTC"));
        assertFalse(LocalDay.isIanaZone("+02:00"));
        assertFalse(LocalDay.isIanaZone("Mars/Olympus"));
        assertFalse(LocalDay.isIanaZone(null));
    }
}
