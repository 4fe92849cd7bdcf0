package com.xentree.foundation.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Optional query parameters taken as text and converted by the resource (so "absent" and "blank"
 * mean the same), refused like any unconvertible parameter: 400 naming the parameter.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** The UUID, or null when absent or blank. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, invalid("query", name, value, "a UUID"));
        }
    }

    /** The date, or null when absent or blank. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, invalid("query", name, value, "a date as YYYY-MM-DD"));
        }
    }

    /** The value when it is one of {@code allowed} (or null when absent); a 400 naming the parameter otherwise. */
    public static String oneOf(String name, String value, java.util.Collection<String> allowed) {
        if (value == null || allowed.contains(value)) {
            return value;
        }
        throw new ApiException(400, invalid("query", name, value, "one of " + String.join(", ", allowed)));
    }

    /** The one wording of an unconvertible parameter, whoever finds it. */
    public static String invalid(String kind, String name, String value, String expected) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "Invalid " + kind + " parameter '" + name + "': '" + shown + "' is not " + expected;
    }
}
