
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the given databases if they are missing (database-per-service: one server, one
 * database per service and profile). Run as a single-file program:
 * java -cp 'infra/.work/lib/*' infra/tools/Databases.java [--recreate | --in-use] HOST PORT USER DB...
 * <ul>
 * <li>{@code --recreate}: drops the databases first (closing their connections), so they start empty.</li>
 * <li>{@code --in-use}: creates nothing; prints the names of the databases a service has already used
 * (they hold Flyway's schema history), one per line.</li>
 * </ul>
 */
public class Databases {
    public static void main(String[] args) throws Exception {
        String mode = args[0].startsWith("--") ? args[0] : "";
        int first = mode.isEmpty() ? 0 : 1;
        String host = args[first], port = args[first + 1], user = args[first + 2];
        List<String> names = new ArrayList<>();
        for (int i = first + 3; i < args.length; i++) {
            if (!args[i].matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("bad database name " + args[i]);
            }
            names.add(args[i]);
        }
        if (mode.equals("--in-use")) {
            for (String db : names) {
                if (exists(host, port, user, db) && hasSchemaHistory(host, port, user, db)) {
                    System.out.println(db);
                }
            }
            return;
        }
        try (Connection c = connect(host, port, user, "postgres")) {
            int created = 0;
            for (String db : names) {
                if (mode.equals("--recreate")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("drop database if exists " + db + " with (force)");
                    }
                } else if (exists(c, db)) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + db);
                    created++;
                }
            }
            System.out.println("databases: " + names.size() + " present, " + created + " created"
                    + (mode.equals("--recreate") ? " empty" : ""));
        }
    }

    static Connection connect(String host, String port, String user, String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, user, "");
    }

    static boolean exists(String host, String port, String user, String db) throws SQLException {
        try (Connection c = connect(host, port, user, "postgres")) {
            return exists(c, db);
        }
    }

    static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A service migrated this database at some point: Flyway's history table is there. */
    static boolean hasSchemaHistory(String host, String port, String user, String db) throws SQLException {
        try (Connection c = connect(host, port, user, db);
                PreparedStatement ps = c.prepareStatement("select to_regclass('flyway_schema_history') is not null")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
