import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** pgjdbc's CopyManager against a server: copyIn of CSV, copyOut as text, and a failing copyIn. */
public class CopyManagerCheck {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres";
        String table = args[1];
        try (Connection conn = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id int, name text, born date)");
            }
            CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
            long in = copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)",
                new StringReader("1,Ada,1815-12-10\n2,\"Zoë, \"\"Z\"\"\",2000-02-29\n3,,\n"));
            System.out.println("in " + in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = copy.copyOut("COPY " + table + " TO STDOUT WITH (FORMAT csv, HEADER)", out);
            System.out.println("out " + n);
            System.out.print(new String(out.toByteArray(), StandardCharsets.UTF_8));
            try {
                copy.copyIn("COPY " + table + " FROM STDIN", new StringReader("4\tbad\tnot-a-date\n"));
            } catch (java.sql.SQLException e) {
                System.out.println("error " + e.getSQLState() + " " + e.getMessage().replace(table, "t"));
            }
            try (Statement st = conn.createStatement()) {
                st.execute("DROP TABLE " + table);
            }
        }
    }
}
