package com.xentree.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * The one definition of "which day did this happen on" (DESIGN.md section 4): the local calendar
 * date of the instant in the event's IANA time zone, else the user's zone, else UTC.
 */
public final class LocalDay {

    /** The region id "UTC", not {@code ZoneOffset.UTC} (whose id "Z" is no IANA zone and fails validation). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    private static final Set<String> IANA_ZONES = ZoneId.getAvailableZoneIds();

    private LocalDay() {
    }

    public static LocalDate of(Instant occurredAt, String eventZone, String userZone) {
        return occurredAt.atZone(zoneOrDefault(eventZone != null ? eventZone : userZone)).toLocalDate();
    }

    public static LocalDate of(Instant occurredAt, String zone) {
        return of(occurredAt, zone, null);
    }

    /** Today in the given zone: the day an activity happening now would be counted on. */
    public static LocalDate today(Instant now, String zone) {
        return of(now, zone);
    }

    /** When the day after {@code now}'s local day starts in the given zone: when "today" turns. */
    public static Instant nextDayStarts(Instant now, String zone) {
        ZoneId z = zoneOrDefault(zone);
        return now.atZone(z).toLocalDate().plusDays(1).atStartOfDay(z).toInstant();
    }

    /** An IANA region id such as {@code Europe/Berlin} or {@code UTC}; fixed offsets are refused. */
    public static boolean isIanaZone(String zone) {
        return zone != null && IANA_ZONES.contains(zone);
    }

    public static ZoneId zoneOrDefault(String zone) {
        if (zone == null || zone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
