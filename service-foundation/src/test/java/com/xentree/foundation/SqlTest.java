package com.xentree.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JDBC plumbing against the real database: parameters bound in order, rows mapped, errors wrapped. */
@QuarkusTest
class SqlTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void bindsParametersInOrderAndMapsEveryRow() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        List<String> rows = Sql.withConnection(dataSource, c -> Sql.list(c,
                "select ?::text || '|' || ?::int || '|' || ?::date || '|' || ?::uuid || '|' || (?::timestamptz at time zone 'UTC')"
                        + " from generate_series(1, 2)",
                rs -> rs.getString(1), "a", 7, LocalDate.of(2026, 3, 1), id, at));
        assertEquals(List.of("a|7|2026-03-01|" + id + "|2026-03-01 10:15:30", "a|7|2026-03-01|" + id + "|2026-03-01 10:15:30"), rows);
    }

    @Test
    void firstNumberAndExistsTellNoRowFromARow() {
        Sql.withConnection(dataSource, c -> {
            assertEquals(Optional.empty(), Sql.first(c, "select 1 where false", rs -> rs.getInt(1)));
            assertEquals(Optional.of(3), Sql.first(c, "select x from generate_series(3, 5) x order by x", rs -> rs.getInt(1)));
            assertEquals(0, Sql.number(c, "select 1 where false"));
            assertEquals(0, Sql.number(c, "select null::bigint"));
            assertEquals(12, Sql.number(c, "select sum(x) from generate_series(3, 5) x"));
            assertTrue(Sql.exists(c, "select 1 where ?::text = 'yes'", "yes"));
            assertFalse(Sql.exists(c, "select 1 where ?::text = 'yes'", "no"));
            return null;
        });
    }

    @Test
    void eachSeesEveryRowAndUpdateCountsTheRowsChanged() {
        Sql.withConnection(dataSource, c -> {
            Sql.execute(c, "drop table if exists pg_temp.sql_test");
            Sql.execute(c, "create temporary table sql_test (n int)");
            assertEquals(3, Sql.update(c, "insert into sql_test select x from generate_series(1, ?) x", 3));
            List<Integer> seen = new ArrayList<>();
            Sql.each(c, "select n from sql_test where n >= ? order by n", rs -> seen.add(rs.getInt(1)), 2);
            assertEquals(List.of(2, 3), seen);
            Sql.execute(c, "drop table sql_test");
            return null;
        });
    }

    @Test
    void aDatabaseErrorBecomesAnIllegalStateException() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sql.withConnection(dataSource, c -> Sql.number(c, "select no_such_column")));
        assertTrue(e.getCause() instanceof SQLException);
    }
}
