package org.healthwallet.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.vault.PublicTables;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.client.TrustedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger and the vault write the same wallet file at once in one process, as the app does when
 * a sync runs during an import: each waits for the other's write, neither fails, and both keep what
 * they wrote ({@link SyncInAnotherProcessTest} does it across processes).
 */
class SyncWhileImportingTest {
    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aSyncThatWantsToWriteDuringAnImportWaitsForItAndBothSucceed() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        TestChain chain = TestChain.honest(60);
        try (Vault vault = WalletFiles.unlock(file); LedgerFile ledger = LedgerFile.open(file, vault.ledgerSeal())) {
            LedgerConnection connection = LedgerFileTest.connect(ledger, chain, TestChain.time(60).plusSeconds(5));
            CountDownLatch witnessAsked = new CountDownLatch(1);
            List<Future<LedgerStatus>> sync = new ArrayList<>();
            ImportProgress halfway = new ImportProgress() {
                @Override public void update(String phase, long done, long total) {
                    if (phase.equals("saving") && done == total / 2) {
                        // Inside the import's transaction: start a sync and let it reach its first write.
                        sync.add(background.submit(() -> connection.sync(SyncRequest.LATEST, new SyncProgress() {
                            @Override public void fetched(String source, long height) {
                                if (source.contains("26667")) {
                                    witnessAsked.countDown();
                                }
                            }

                            @Override public boolean isCancelled() {
                                return false;
                            }
                        })));
                        await(witnessAsked);
                        pause(300);
                        assertThat(sync.get(0).isDone()).as("the sync waits for the import's commit").isFalse();
                    }
                }

                @Override public boolean isCancelled() {
                    return false;
                }
            };
            ImportReport report = vault.importRecords(List.of(WalletFiles.records("a", 1000)), halfway);

            assertThat(report.added()).isEqualTo(1000);
            LedgerStatus synced = sync.get(0).get(30, TimeUnit.SECONDS);
            assertThat(synced.lastOutcome()).as(synced.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
            assertThat(synced.latest().orElseThrow().height()).isEqualTo(60);
        }
        assertThat(WalletFiles.query(file, "SELECT count(*) FROM ledger_light_blocks")).isEqualTo("2");
        try (Vault vault = WalletFiles.unlock(file)) {
            assertThat(vault.records()).hasSize(1000);
        }
        assertThat(WalletFiles.query(file, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void importsAndItemsWhileAHeaderWriteHoldsTheFileWaitForItAndBothSucceed() throws Exception {
        Path file = WalletFiles.create(dir.resolve("me.hwvault"));
        TestChain chain = TestChain.honest(5);
        try (Vault vault = WalletFiles.unlock(file); Connection ledger = PublicTables.open(file)) {
            TrustedStore headers = new TrustedStore(ledger);
            // A ledger writer holding the write lock for a while (a slow disk, another process's sync).
            Future<?> release = holdWhileSaving(ledger, headers, chain, 3, 700);
            long started = System.nanoTime();
            vault.importRecords(List.of(WalletFiles.records("a", 200)), ImportProgress.NONE);
            assertThat(millisSince(started)).as("the import waited for the header's commit").isGreaterThan(400);
            release.get(10, TimeUnit.SECONDS);

            // An item is read before it is written: its transaction must take the lock at the start too.
            release = holdWhileSaving(ledger, headers, chain, 4, 700);
            started = System.nanoTime();
            UUID item = UUID.randomUUID();
            vault.putItem("note", item, "kept".getBytes(StandardCharsets.UTF_8));
            assertThat(millisSince(started)).isGreaterThan(400);
            release.get(10, TimeUnit.SECONDS);

            assertThat(vault.records()).hasSize(200);
            assertThat(new String(vault.items("note").get(item), StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(headers.size()).isEqualTo(2);
        }
        try (Vault vault = WalletFiles.unlock(file)) {
            assertThat(vault.records()).hasSize(200);
            assertThat(vault.items("note")).hasSize(1);
        }
        assertThat(WalletFiles.rows(file, "SELECT height FROM ledger_light_blocks ORDER BY height")).containsExactly("3", "4");
    }

    /** Begins a write on the ledger's connection, saves a header, and commits after {@code millis}. */
    private Future<?> holdWhileSaving(Connection ledger, TrustedStore headers, TestChain chain, long height, long millis)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Future<?> release = background.submit(() -> {
            try (Statement s = ledger.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                headers.save(chain.block(height));
                holding.countDown();
                Thread.sleep(millis);
                s.execute("COMMIT");
            }
            return null;
        });
        await(holding);
        return release;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
