package org.healthwallet.app.ui.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.SyncOutcome;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.ledger.client.Checkpoint;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.devnet.Misbehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Ledger screen's view model on the FX thread, against a real dev network on loopback and a real wallet profile. */
class LedgerViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private WalletSession openWallet() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        OpenWallet wallet = home.create("Tulip-Orbit-42!".toCharArray()).wallet();
        WalletSession session = new WalletSession(fx.background());
        Fx.run(() -> session.open(wallet, RecordsOverview.of(wallet.index())));
        return session;
    }

    private LedgerViewModel model(WalletSession session, ConsortiumSource source) {
        toClose.add(source);
        return new LedgerViewModel(session, fx.background(), new Failures(new ErrorLog(temp.resolve("log"))),
                () -> ProfileLedger.open(temp.resolve("wallet"), source, ProfileLedger.sealOf(session.owner())), ZoneOffset.UTC);
    }

    private static String key(UserText t) {
        return t == null ? null : t.key();
    }

    @Test
    void syncShowsTheVerifiedChainItsValidatorsAndNodesAndAnAttackAsksForANewCheckpoint() throws Exception {
        WalletSession session = openWallet();
        ConsortiumSource source = ConsortiumSource.embedded(
                new EmbeddedConsortiumOptions(temp.resolve("wallet/devnet"), 4, 0, 3, Duration.ZERO));
        LedgerViewModel model = model(session, source);

        Fx.await(Fx.call(model::refresh));
        LedgerStatus fresh = model.statusProperty().get();
        assertThat(fresh.lastOutcome()).isEqualTo(SyncOutcome.NEVER);
        assertThat(fresh.latest()).isEmpty();
        assertThat(model.consortiumProperty().get()).isEqualTo(UserText.of("ledger.consortium.embedded"));
        assertThat(model.warnings()).isEmpty();

        EmbeddedConsortium net = source.embeddedNetwork().orElseThrow();
        net.network().produceBlocks(20);
        var sync = Fx.call(model::sync);
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.progressProperty().get()).as("indeterminate while it runs").isEqualTo(-1);
        Fx.await(sync);
        LedgerStatus synced = model.statusProperty().get();
        assertThat(synced.lastOutcome()).as(synced.lastMessage()).isEqualTo(SyncOutcome.SYNCED);
        long height = net.network().height();
        assertThat(synced.latest().orElseThrow().height()).isEqualTo(height);
        assertThat(model.messageProperty().get()).isEqualTo(UserText.of("ledger.outcome.synced", height));
        assertThat(model.validators()).hasSize(4).allSatisfy(v -> {
            assertThat(v.votingPower()).isPositive();
            assertThat(v.share()).isEqualTo(0.25);
        });
        assertThat(synced.witnesses()).hasSize(2);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isZero();

        // The primary turns to a forged chain signed by every validator: the honest witnesses catch it.
        net.network().node(0).misbehave(Misbehaviour.allValidators(height + 2));
        net.network().produceBlocks(4);
        Fx.await(Fx.call(model::sync));
        assertThat(model.messageProperty().get()).isEqualTo(UserText.of("ledger.outcome.attack"));
        assertThat(model.warnings()).extracting(LedgerViewModelTest::key)
                .containsExactly("ledger.warning.attack", "ledger.warning.primaryDropped");
        assertThat(model.warnings().get(0).args()).contains(synced.primary()).contains(4);
        assertThat(model.needsCheckpointProperty().get()).isTrue();

        // A wrong hash is said, and changes nothing.
        Fx.run(() -> {
            model.checkpointHeightProperty().set(Long.toString(height));
            model.checkpointHashProperty().set("not a hash");
        });
        Fx.await(Fx.call(() -> model.useCheckpoint("Tulip-Orbit-42!".toCharArray())));
        assertThat(model.messageProperty().get().literal()).contains("64 hexadecimal digits");
        assertThat(model.needsCheckpointProperty().get()).isTrue();

        // The right checkpoint with a wrong passphrase changes nothing either.
        String hash = net.network().lightBlock(height).orElseThrow().hash().hex();
        Fx.run(() -> model.checkpointHashProperty().set(hash));
        Fx.await(Fx.call(() -> model.useCheckpoint("not the passphrase".toCharArray())));
        assertThat(model.messageProperty().get().literal())
                .isEqualTo("The passphrase does not open this wallet; the trust root was not changed.");
        assertThat(model.needsCheckpointProperty().get()).isTrue();

        Fx.await(Fx.call(() -> model.useCheckpoint("Tulip-Orbit-42!".toCharArray())));
        assertThat(model.messageProperty().get()).isEqualTo(UserText.of("ledger.checkpoint.done", Long.toString(height)));
        assertThat(model.warnings()).isEmpty();
        assertThat(model.needsCheckpointProperty().get()).isFalse();
        assertThat(model.checkpointHashProperty().get()).isEmpty();

        net.network().node(0).behave();
        Fx.await(Fx.call(model::sync));
        assertThat(model.statusProperty().get().lastOutcome()).isEqualTo(SyncOutcome.SYNCED);
        assertThat(model.statusProperty().get().latest().orElseThrow().height()).isEqualTo(net.network().height());

        // The headers went into the wallet file the session holds open, and the wallet goes on working.
        try (Stream<Path> files = Files.list(temp.resolve("wallet"))) {
            Path vaultFile = files.filter(p -> p.getFileName().toString().endsWith(".hwvault")).findFirst().orElseThrow();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT max(height) FROM ledger_light_blocks")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(net.network().height());
            }
        }
        assertThat(session.walletProperty().get().importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE)
                .added()).isPositive();

        // Locking clears the screen.
        Fx.run(session::lock);
        assertThat(model.statusProperty().get()).isNull();
        assertThat(model.validators()).isEmpty();
        assertThat(model.messageProperty().get()).isNull();
    }

    @Test
    void cancelStopsASyncWaitingOnANodeThatDoesNotAnswer() throws Exception {
        WalletSession session = openWallet();
        // Two "nodes" that accept the connection and never answer.
        try (ServerSocket primary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket witness = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(primary.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConsortiumConfig config = new ConsortiumConfig(new Checkpoint("healthwallet-devnet", 1,
                    Bytes.of(new byte[32])), URI.create("http://127.0.0.1:" + primary.getLocalPort() + "/"),
                    List.of(URI.create("http://127.0.0.1:" + witness.getLocalPort() + "/")), Optional.empty());
            Path file = temp.resolve("consortium.json");
            config.write(file);
            LedgerViewModel model = model(session, ConsortiumSource.file(file));

            var sync = Fx.call(model::sync);
            Thread.sleep(500);
            assertThat(sync.isDone()).as("waiting on the silent node").isFalse();
            long start = System.nanoTime();
            Fx.run(model::cancel);
            assertThat(model.messageProperty().get()).isEqualTo(UserText.of("ledger.sync.cancelling"));
            Fx.await(sync);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("cancel does not wait for the 10 s request timeout").isLessThan(3_000);
            assertThat(model.statusProperty().get().lastOutcome()).isEqualTo(SyncOutcome.CANCELLED);
            assertThat(model.messageProperty().get()).isEqualTo(UserText.of("ledger.outcome.cancelled"));
            assertThat(model.consortiumProperty().get()).isEqualTo(UserText.of("ledger.consortium.file", file.toString()));
            assertThat(model.runningProperty().get()).isFalse();
            for (Socket s : held) {
                s.close();
            }
        }
        Fx.run(session::lock);
    }

    @Test
    void aMissingConsortiumFileIsSaidInTheFilesOwnWords() throws Exception {
        WalletSession session = openWallet();
        LedgerViewModel model = model(session, ConsortiumSource.file(temp.resolve("nowhere.json")));
        Fx.await(Fx.call(model::refresh));
        assertThat(model.messageProperty().get().literal()).contains("nowhere.json");
        assertThat(model.statusProperty().get()).isNull();
        assertThat(temp.resolve("log")).as("not a bug, so not logged").doesNotExist();
        Fx.run(session::lock);
    }
}
