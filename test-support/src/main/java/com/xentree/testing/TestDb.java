package com.xentree.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What the tests read from a service's database: every query takes one parameter. */
public final class TestDb {

    /** Reads column {@code i} of the current row. */
    @FunctionalInterface
    public interface Column<T> {
        T read(ResultSet rs, int i) throws SQLException;
    }

    private TestDb() {
    }

    /** The first column of the first row as a number: a count or a sum (0 where null). */
    public static long count(DataSource db, String sql, Object param) throws SQLException {
        List<Long> row = firstRow(db, sql, param, ResultSet::getLong);
        return row.getFirst();
    }

    /** Every column of the first row, read by {@code column}; an empty list where there is no row. */
    public static <T> List<T> firstRow(DataSource db, String sql, Object param, Column<T> column) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> row = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(column.read(rs, i));
                    }
                }
                return row;
            }
        }
    }

    /** The first column of every row, as text. */
    public static List<String> firstColumn(DataSource db, String sql, Object param) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
