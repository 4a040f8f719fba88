package org.healthwallet.core.vault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads rows of a vault file straight from SQLite, for tests that check what is stored. */
final class SqliteRows {
    private SqliteRows() {}

    static List<String> dump(Path file, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.append(value instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
