package com.xentree.foundation.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

/**
 * Writes what a service holds about one user as JSON, section by section, straight from the
 * database to the response: each section is a query whose rows become objects (column names are the
 * keys, snake_case like the APIs), read through a cursor, so a history of any length streams instead
 * of being loaded whole. One read-only transaction covers every section: the document is one snapshot.
 */
@ApplicationScoped
public class JsonExport {

    /** One part of the document: its key, whether it holds one row (or null) or a list, and its query of the user. */
    public record Section(String name, boolean single, String sql) {

        public static Section one(String name, String sql) {
            return new Section(name, true, sql);
        }

        public static Section list(String name, String sql) {
            return new Section(name, false, sql);
        }

        /** The user's row of a table keyed by {@code user_id}, whole (or null). */
        public static Section row(String name, String table) {
            return one(name, "select * from " + table + " where user_id = ?");
        }

        /** The user's rows of a table keyed by {@code user_id}, whole, in the given order. */
        public static Section rows(String name, String table, String orderBy) {
            return list(name, "select * from " + table + " where user_id = ? order by " + orderBy);
        }
    }

    private static final int FETCH_SIZE = 500;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;

    /** A service's part of a user's export: one object, {@code user_id} and then its sections, streamed. */
    public StreamingOutput document(String userId, List<Section> sections) {
        return out -> {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                g.writeStringField("user_id", userId);
                writeSections(g, userId, sections);
                g.writeEndObject();
            }
        };
    }

    /** A generator on the response that leaves the stream open, for callers that add parts of their own. */
    public JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** Writes the sections as fields of the object the generator is in; each query has one parameter, the user id. */
    public void writeSections(JsonGenerator g, String userId, List<Section> sections) {
        try (Connection c = dataSource.getConnection()) {
            // a cursor needs a transaction; read-only repeatable read makes all sections one snapshot
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                for (Section section : sections) {
                    write(g, c, userId, section);
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not export a user's data", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, Connection c, String userId, Section section) throws SQLException, IOException {
        g.writeFieldName(section.name());
        try (PreparedStatement ps = c.prepareStatement(section.sql())) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (section.single()) {
                    if (rs.next()) {
                        writeRow(g, rs);
                    } else {
                        g.writeNull();
                    }
                    return;
                }
                g.writeStartArray();
                while (rs.next()) {
                    writeRow(g, rs);
                }
                g.writeEndArray();
            }
        }
        g.flush(); // each section reaches the client as it is read
    }

    private static void writeRow(JsonGenerator g, ResultSet rs) throws SQLException, IOException {
        ResultSetMetaData meta = rs.getMetaData();
        g.writeStartObject();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            g.writeFieldName(meta.getColumnLabel(i));
            writeValue(g, rs, i, meta.getColumnType(i), meta.getColumnTypeName(i));
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, ResultSet rs, int i, int type, String typeName) throws SQLException, IOException {
        Object value = rs.getObject(i);
        if (value == null) {
            g.writeNull();
        } else if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            g.writeRawValue(rs.getString(i)); // already JSON: nested as it is
        } else if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            g.writeString(rs.getTimestamp(i).toInstant().toString());
        } else if (value instanceof Array array) {
            g.writeStartArray();
            for (Object item : (Object[]) array.getArray()) {
                g.writeString(String.valueOf(item));
            }
            g.writeEndArray();
        } else if (value instanceof Number || value instanceof Boolean) {
            g.writeObject(value);
        } else {
            g.writeString(value.toString());
        }
    }
}
