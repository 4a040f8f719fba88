package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified-headers table in a real SQLite file. */
class TrustedStoreTest {
    private static final GeneratedChain CHAIN = GeneratedChain.stable("store-chain", GeneratedChain.keys(4, "store"), 30,
            Instant.parse("2025-06-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void keepsBlocksAcrossReopeningAndPrunesToTheNewest() throws Exception {
        Path file = dir.resolve("profile.db");
        try (TrustedStore store = TrustedStore.open(file)) {
            assertThat(store.latest()).isEmpty();
            for (long h = 1; h <= 10; h++) {
                store.save(CHAIN.lightBlock(h));
            }
        }
        try (TrustedStore store = TrustedStore.open(file)) {
            assertThat(store.size()).isEqualTo(10);
            assertThat(store.latest().orElseThrow()).isEqualTo(CHAIN.lightBlock(10));
            assertThat(store.lowest().orElseThrow().height()).isEqualTo(1);
            assertThat(store.at(4).orElseThrow()).isEqualTo(CHAIN.lightBlock(4));
            assertThat(store.above(4).orElseThrow().height()).isEqualTo(5);
            assertThat(store.prune(3)).isEqualTo(7);
            assertThat(store.lowest().orElseThrow().height()).isEqualTo(8);
            assertThat(store.at(4)).isEmpty();
        }
    }

    @Test
    void sharesTheProfilesConnectionWithoutClosingIt() throws Exception {
        try (Connection profile = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wallet.db"))) {
            try (Statement s = profile.createStatement()) {
                s.executeUpdate("CREATE TABLE vault_items (id INTEGER PRIMARY KEY, data BLOB)");
            }
            try (TrustedStore store = new TrustedStore(profile)) {
                store.save(CHAIN.lightBlock(3));
            }
            assertThat(profile.isClosed()).isFalse();
            try (Statement s = profile.createStatement();
                 ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("ledger_light_blocks");
                r.next();
                assertThat(r.getString(1)).isEqualTo("vault_items");
            }
        }
    }

    @Test
    void aDamagedRowIsReportedNotReturned() throws Exception {
        try (Connection profile = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wallet.db"));
             TrustedStore store = new TrustedStore(profile)) {
            store.save(CHAIN.lightBlock(3));
            try (Statement s = profile.createStatement()) {
                s.executeUpdate("UPDATE ledger_light_blocks SET light_block = '{\"signed_header\":{}}'");
            }
            assertThatThrownBy(store::latest).isInstanceOf(TrustedStoreException.class)
                    .hasMessageContaining("damaged").hasMessageContaining("$.signed_header.header");
        }
    }

    @Test
    void pruningKeepsAtLeastOne() throws Exception {
        try (TrustedStore store = TrustedStore.open(dir.resolve("p.db"))) {
            assertThatThrownBy(() -> store.prune(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
