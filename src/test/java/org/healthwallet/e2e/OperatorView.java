package org.healthwallet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.healthwallet.e2e.ClearTextSearch.Place;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Transaction;

/**
 * What the people who run a consortium can read without any key: every block and its results over
 * CometBFT's RPC (each transaction also as raw bytes and decoded), the bytes of every file under
 * their data folders, and every row of every SQLite database there.
 */
final class OperatorView {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperatorView() {}

    /** Blocks 1 to the latest, as {@code /block?height=} and {@code /block_results?height=} answer them. */
    static List<Place> blocks(URI rpc) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long latest = get(http, rpc, "/status").path("result").path("sync_info").path("latest_block_height").asLong();
        if (latest < 1) {
            throw new AssertionError("the node at " + rpc + " reports no blocks");
        }
        List<Place> places = new ArrayList<>();
        for (long h = 1; h <= latest; h++) {
            JsonNode block = get(http, rpc, "/block?height=" + h);
            places.add(Place.text("block " + h + " (RPC answer)", block.toString()));
            JsonNode txs = block.path("result").path("block").path("data").path("txs");
            for (int i = 0; i < txs.size(); i++) {
                byte[] tx = Base64.getDecoder().decode(txs.get(i).asText());
                places.add(new Place("block " + h + " tx " + i + " (bytes)", tx));
                places.add(Place.text("block " + h + " tx " + i + " (decoded)", decoded(tx)));
            }
            places.add(Place.text("block " + h + " results (RPC answer)", get(http, rpc, "/block_results?height=" + h).toString()));
        }
        return places;
    }

    /** Every file under {@code root}, byte for byte; and each SQLite database's rows, cell by cell. */
    static List<Place> files(Path root, Path scratch) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Place> places = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String name = root.getFileName().resolve(root.relativize(file)).toString();
            places.add(new Place("file " + name, bytes));
            if (bytes.length >= SQLITE_MAGIC.length && Arrays.equals(bytes, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0,
                    SQLITE_MAGIC.length)) {
                places.addAll(rows(file, name, scratch));
            }
        }
        return places;
    }

    /**
     * The rows of a database, read from a copy (with its write-ahead log, so committed rows not yet
     * checkpointed are there too) so the original is left exactly as the program wrote it.
     */
    private static List<Place> rows(Path file, String name, Path scratch) throws Exception {
        Path copy = Files.createTempDirectory(scratch, "db").resolve("copy.db");
        Files.copy(file, copy);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, copy.resolveSibling("copy.db-wal"));
        }
        List<Place> places = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath());
             Statement s = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet t = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (t.next()) {
                    tables.add(t.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    ResultSetMetaData columns = r.getMetaData();
                    for (int row = 1; r.next(); row++) {
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            Object value = r.getObject(c);
                            if (value != null) {
                                byte[] bytes = value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
                                places.add(new Place("file " + name + ", table " + table + ", row " + row + ", column "
                                        + columns.getColumnName(c), bytes));
                            }
                        }
                    }
                }
            }
        }
        return places;
    }

    private static String decoded(byte[] tx) {
        try {
            Transaction t = Transaction.decode(tx);
            return t + " " + t.payload();
        } catch (DecodeException e) {
            return "not a HealthWallet transaction: " + e.getMessage();
        }
    }

    private static JsonNode get(HttpClient http, URI rpc, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(rpc.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered HTTP " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
