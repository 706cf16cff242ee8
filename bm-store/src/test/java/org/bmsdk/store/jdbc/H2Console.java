package org.bmsdk.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.store.jdbc.internal.JdbcUrls;

/** SQL behind a store's back, as an operator with a database console would run it. */
public final class H2Console {

    private H2Console() {
    }

    /**
     * Runs a statement.
     *
     * @param file the database file, as given to {@link JdbcStore#h2(Path)}
     * @param sql the statement
     * @throws Exception when it fails
     */
    public static void execute(Path file, String sql) throws Exception {
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Runs a query.
     *
     * @param file the database file
     * @param sql the query
     * @return one string per row, columns joined by {@code |}
     * @throws Exception when it fails
     */
    public static List<String> query(Path file, String sql) throws Exception {
        try (Connection c = connect(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private static Connection connect(Path file) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), JdbcUrls.USER, "");
    }
}
