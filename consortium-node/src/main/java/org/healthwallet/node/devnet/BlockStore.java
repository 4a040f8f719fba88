package org.healthwallet.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.BlockHashes;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.node.rpc.ExecResult;
import org.healthwallet.node.rpc.IndexedTx;

/**
 * The dev network's blocks in {@code blocks.db} (SQLite): each block's signed header (as CometBFT
 * JSON, so what is served is what was stored), its transactions with their results (indexed by
 * hash for /tx), and the app hash after it. A block is one SQLite transaction. Recent blocks are
 * cached, since light clients read the newest heights most.
 */
final class BlockStore implements AutoCloseable {
    static final String FILE = "blocks.db";
    private static final int CACHE = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Path file;
    private final Map<Long, DevBlock> cache = new LinkedHashMap<>(CACHE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, DevBlock> eldest) {
            return size() > CACHE;
        }
    };
    private final PreparedStatement insertBlock;
    private final PreparedStatement insertTx;
    private final PreparedStatement selectBlock;
    private final PreparedStatement selectTxs;
    private final PreparedStatement selectTx;
    private long height;

    private BlockStore(Connection db, Path file) throws SQLException {
        this.db = db;
        this.file = file;
        // Prepared once: a burst of thousands of blocks should not re-parse SQL each time.
        this.insertBlock = db.prepareStatement("INSERT INTO blocks VALUES (?, ?, ?, ?, ?)");
        this.insertTx = db.prepareStatement("INSERT INTO txs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.selectBlock = db.prepareStatement("SELECT signed_header, app_hash_after FROM blocks WHERE height = ?");
        this.selectTxs = db.prepareStatement("SELECT tx, code, data, log, codespace, events FROM txs WHERE height = ? ORDER BY idx");
        this.selectTx = db.prepareStatement("SELECT height, idx, tx, code, data, log, codespace, events"
                + " FROM txs WHERE hash = ? ORDER BY height DESC LIMIT 1");
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(height), 0) FROM blocks")) {
            this.height = rs.next() ? rs.getLong(1) : 0;
        }
    }

    static BlockStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // A lost last block after power loss is replaced by producing it again; never corrupt.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1),"
                        + " chain_id TEXT NOT NULL, genesis_app_hash BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, block_hash BLOB NOT NULL,"
                        + " signed_header TEXT NOT NULL, app_hash_after BLOB NOT NULL, tx_count INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS txs (height INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,"
                        + " tx BLOB NOT NULL, code INTEGER NOT NULL, data BLOB NOT NULL, log TEXT NOT NULL,"
                        + " codespace TEXT NOT NULL, events TEXT NOT NULL, PRIMARY KEY (height, idx))");
                s.execute("CREATE INDEX IF NOT EXISTS txs_by_hash ON txs (hash)");
            }
            db.setAutoCommit(false);
            db.commit();
            return new BlockStore(db, file);
        } catch (SQLException e) {
            throw new DevNetworkException("Cannot open the block store " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized long height() {
        return height;
    }

    /** The app hash InitChain returned (header 1 carries it), once recorded. */
    synchronized Optional<Bytes> genesisAppHash(String chainId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT chain_id, genesis_app_hash FROM meta WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            if (!rs.getString(1).equals(chainId)) {
                throw new DevNetworkException("The block store " + file + " holds chain \"" + rs.getString(1)
                        + "\", not \"" + chainId + "\"; the data folder mixes two networks.");
            }
            return Optional.of(Bytes.of(rs.getBytes(2)));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    synchronized void recordGenesis(String chainId, Bytes appHash) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (1, ?, ?)")) {
            ps.setString(1, chainId);
            ps.setBytes(2, appHash.toArray());
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("write", e);
        }
    }

    /** Appends the next block (height must be one above the stored height). */
    synchronized void append(DevBlock block) {
        if (block.height() != height + 1) {
            throw new IllegalStateException("block " + block.height() + " does not follow stored height " + height);
        }
        String signedHeader = CometJsonWriter.toJson(CometJsonWriter.commitResult(new CommitResult(block.signedHeader(), true)));
        try {
            insertBlock.setLong(1, block.height());
            insertBlock.setBytes(2, block.blockId().hash().toArray());
            insertBlock.setString(3, signedHeader);
            insertBlock.setBytes(4, block.appHashAfter().toArray());
            insertBlock.setInt(5, block.txs().size());
            insertBlock.executeUpdate();
            for (int i = 0; i < block.txs().size(); i++) {
                Bytes tx = block.txs().get(i);
                ExecResult r = block.results().get(i);
                insertTx.setLong(1, block.height());
                insertTx.setInt(2, i);
                insertTx.setBytes(3, BlockHashes.txHash(tx.toArray()).toArray());
                insertTx.setBytes(4, tx.toArray());
                insertTx.setLong(5, r.code());
                insertTx.setBytes(6, r.data().toArray());
                insertTx.setString(7, r.log());
                insertTx.setString(8, r.codespace());
                insertTx.setString(9, events(r.events()));
                insertTx.addBatch();
            }
            if (!block.txs().isEmpty()) {
                insertTx.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("write", e);
        }
        height = block.height();
        cache.put(block.height(), block);
    }

    synchronized Optional<DevBlock> block(long h) {
        if (h < 1 || h > height) {
            return Optional.empty();
        }
        DevBlock cached = cache.get(h);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            selectBlock.setLong(1, h);
            SignedHeader sh;
            Bytes appHash;
            try (ResultSet rs = selectBlock.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                sh = CometJsonParser.commit(rs.getString(1).getBytes(StandardCharsets.UTF_8)).signedHeader();
                appHash = Bytes.of(rs.getBytes(2));
            }
            List<Bytes> txs = new ArrayList<>();
            List<ExecResult> results = new ArrayList<>();
            selectTxs.setLong(1, h);
            try (ResultSet rs = selectTxs.executeQuery()) {
                while (rs.next()) {
                    txs.add(Bytes.of(rs.getBytes(1)));
                    results.add(result(rs, 2));
                }
            }
            DevBlock block = new DevBlock(sh.header(), sh.commit(), txs, results, appHash);
            cache.put(h, block);
            return Optional.of(block);
        } catch (SQLException e) {
            throw failure("read", e);
        } catch (ParseException e) {
            throw new DevNetworkException("Block " + h + " in " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The newest inclusion of a transaction with this hash. */
    synchronized Optional<IndexedTx> tx(Bytes hash) {
        try {
            selectTx.setBytes(1, hash.toArray());
            try (ResultSet rs = selectTx.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IndexedTx(hash, rs.getLong(1), rs.getInt(2), Bytes.of(rs.getBytes(3)), result(rs, 4)));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static ExecResult result(ResultSet rs, int first) throws SQLException {
        return new ExecResult(rs.getLong(first), Bytes.of(rs.getBytes(first + 1)), rs.getString(first + 2),
                rs.getString(first + 3), events(rs.getString(first + 4)));
    }

    private static String events(List<ExecResult.Event> events) {
        ArrayNode list = JSON.createArrayNode();
        for (ExecResult.Event e : events) {
            ArrayNode attributes = list.addObject().put("type", e.type()).putArray("attributes");
            e.attributes().forEach(a -> attributes.addObject().put("key", a.key()).put("value", a.value()).put("index", a.index()));
        }
        return list.toString();
    }

    private static List<ExecResult.Event> events(String json) throws SQLException {
        try {
            List<ExecResult.Event> out = new ArrayList<>();
            for (JsonNode e : JSON.readTree(json)) {
                List<ExecResult.Attribute> attributes = new ArrayList<>();
                for (JsonNode a : e.path("attributes")) {
                    attributes.add(new ExecResult.Attribute(a.path("key").asText(), a.path("value").asText(),
                            a.path("index").asBoolean()));
                }
                out.add(new ExecResult.Event(e.path("type").asText(), attributes));
            }
            return out;
        } catch (IOException e) {
            throw new SQLException("stored events are not JSON: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            insertTx.clearBatch();
            db.rollback();
        } catch (SQLException ignored) {
            // The failure being reported matters more; SQLite rolls back on close anyway.
        }
    }

    private DevNetworkException failure(String verb, SQLException e) {
        return new DevNetworkException("Cannot " + verb + " the block store " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement ps : List.of(insertBlock, insertTx, selectBlock, selectTxs, selectTx)) {
                ps.close();
            }
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
