package com.xentree.foundation.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Columns for set-based statements: one {@code unnest(?::type[], …)} parameter per column writes a
 * whole batch in one statement instead of a round trip per row.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** The column {@code value} of every row, as a PostgreSQL array of {@code type} (text, uuid, int4, date, …). */
    public static <T> Array column(Connection c, String type, List<T> rows, Function<T, Object> value) throws SQLException {
        return c.createArrayOf(type, rows.stream().map(value).toArray());
    }
}
