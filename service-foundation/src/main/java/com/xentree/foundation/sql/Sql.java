package com.xentree.foundation.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC without its ceremony: a statement prepared, its parameters bound in order, its rows
 * mapped, everything closed. The statements stay the services' own SQL; only the plumbing around
 * them is here. Parameters are bound with {@code setObject} (an {@link Instant} as a timestamp), so
 * a parameter that may be null needs a cast in the SQL ({@code ?::date}).
 */
public final class Sql {

    /** One row of a result, as the caller wants it. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Something done with each row of a result (filling a map, say). */
    @FunctionalInterface
    public interface EachRow {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private Sql() {
    }

    /**
     * {@code work} on a connection of {@code dataSource} (the transaction's, inside one), closed
     * afterwards; a database error becomes an {@link IllegalStateException}.
     */
    public static <T> T withConnection(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the query, mapped, in the order the query gives them. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = new ArrayList<>();
        each(c, sql, rs -> rows.add(row.map(rs)), params);
        return rows;
    }

    /** The first row of the query, mapped; empty when there is none. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    /** {@code each} on every row of the query. */
    public static void each(Connection c, String sql, EachRow each, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                each.accept(rs);
            }
        }
    }

    /** The first column of the first row as a number: 0 when there is no row or it is null. */
    public static long number(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Whether the query has a row. */
    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, rs -> true, params).isPresent();
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Runs a statement for what it does rather than what it answers (taking a lock, say). */
    public static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof Instant at ? Timestamp.from(at) : params[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
