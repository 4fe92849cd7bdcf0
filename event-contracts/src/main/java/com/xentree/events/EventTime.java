package com.xentree.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants in events carry microseconds, the precision PostgreSQL keeps. A nanosecond instant
 * would be compared in memory at one precision and in SQL at another (the driver rounds), so the
 * same moment could fall on both sides of a boundary, such as the start of a quest boost.
 */
public final class EventTime {

    private EventTime() {
    }

    public static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
