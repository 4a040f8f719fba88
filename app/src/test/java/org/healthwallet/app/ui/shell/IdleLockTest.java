package org.healthwallet.app.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ImportReport;
import org.healthwallet.core.records.RecordIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdleLockTest {
    @RegisterExtension
    final FxBackground fx = new FxBackground();

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T09:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public Instant instant() { return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }

    /** An open wallet that only records whether it was locked. */
    private static final class Wallet implements OpenWallet {
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch closing = new CountDownLatch(1);

        @Override public RecordIndex index() { return RecordIndex.of(List.of()); }
        @Override public ImportReport importFiles(List<Path> files, ImportProgress progress) { return null; }
        @Override public int exportBundle(Path out) { return 0; }
        @Override public void changePassphrase(char[] current, char[] next) { }
        @Override public void backup(Path out) { }
        @Override public void close() {
            closed.set(true);
            closing.countDown();
        }
    }

    @Test
    void locksAfterTheIdleMinutesAndWipesTheKeys() throws Exception {
        HandClock clock = new HandClock();
        WalletSession session = new WalletSession(fx.background());
        Wallet wallet = new Wallet();
        IdleLock idle = new IdleLock(() -> 5, clock);
        Fx.run(() -> {
            idle.follow(session);
            session.open(wallet, RecordsOverview.of(wallet.index()));
        });
        clock.advance(Duration.ofMinutes(4));
        assertThat(Fx.call(idle::check)).isFalse();
        Fx.run(idle::touch); // the patient moved the mouse
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(Fx.call(idle::check)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(Fx.call(idle::check)).isTrue();
        assertThat(session.isOpen()).isFalse();
        assertThat(session.overview()).isNull();
        assertThat(wallet.closing.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void workInProgressPostponesTheLock() throws Exception {
        HandClock clock = new HandClock();
        WalletSession session = new WalletSession(fx.background());
        Wallet wallet = new Wallet();
        IdleLock idle = new IdleLock(() -> 1, clock);
        CountDownLatch finish = new CountDownLatch(1);
        Task<Void> work = new Task<>() {
            @Override protected Void call() throws Exception {
                finish.await(10, TimeUnit.SECONDS);
                return null;
            }
        };
        Fx.run(() -> {
            idle.follow(session);
            session.open(wallet, RecordsOverview.of(wallet.index()));
            session.run(work);
        });
        clock.advance(Duration.ofMinutes(30));
        assertThat(Fx.call(idle::check)).isFalse();
        assertThat(session.isOpen()).isTrue();
        finish.countDown();
        Fx.await(work);
        clock.advance(Duration.ofMinutes(1));
        assertThat(Fx.call(idle::check)).isTrue();
        assertThat(wallet.closing.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
