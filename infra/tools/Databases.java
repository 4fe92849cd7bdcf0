import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Creates the given databases if they are missing (database-per-service: one server, one
 * database per service and profile). Run as a single-file program:
 * java -cp 'infra/.work/lib/*' infra/tools/Databases.java HOST PORT USER DB...
 */
public class Databases {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/postgres";
        try (Connection c = DriverManager.getConnection(url, args[2], "")) {
            int created = 0;
            for (int i = 3; i < args.length; i++) {
                String db = args[i];
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name " + db);
                }
                try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + db);
                    created++;
                }
            }
            System.out.println("databases: " + (args.length - 3) + " present, " + created + " created");
        }
    }
}
