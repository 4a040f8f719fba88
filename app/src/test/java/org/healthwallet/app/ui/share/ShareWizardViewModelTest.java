package org.healthwallet.app.ui.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.app.ui.common.WalletSession;
import org.healthwallet.app.ui.share.ShareWizardViewModel.Expiry;
import org.healthwallet.app.ui.share.ShareWizardViewModel.Stage;
import org.healthwallet.app.ui.share.ShareWizardViewModel.What;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareKey;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.ledger.tx.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The wizard on a real wallet (the sample patient), with a double of the relay and ledger side. */
class ShareWizardViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RecordingShares shares = new RecordingShares();
    private WalletSession session;
    private ShareWizardViewModel model;

    @BeforeEach
    void wallet() throws Exception {
        VaultHome home = new VaultHome(TestFiles.cheapConfig(temp.resolve("wallet")));
        OpenWallet wallet = home.create("Tulip-Orbit-42!".toCharArray()).wallet();
        wallet.importFiles(List.of(TestFiles.samplePatient()), ImportProgress.NONE);
        session = new WalletSession(fx.background());
        RecordsOverview overview = RecordsOverview.of(wallet.index());
        Fx.run(() -> session.open(wallet, overview));
        model = Fx.call(() -> new ShareWizardViewModel(session, w -> shares,
                new Failures(new ErrorLog(temp.resolve("log"))), clock, ZoneId.of("UTC")));
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(session::lock);
    }

    private UserText problem() throws Exception {
        return Fx.call(() -> model.problem().orElse(null));
    }

    @Test
    void offersTheWalletsCategoriesWithCountsAndFindsRecordsByName() throws Exception {
        assertThat(model.categories()).anySatisfy(c -> {
            assertThat(c.category()).isEqualTo(Category.ALLERGIES);
            assertThat(c.count()).isEqualTo(3);
        });
        int all = model.found().size();
        assertThat(all).isEqualTo(session.overview().index().size());
        Fx.run(() -> model.searchProperty().set("allergy"));
        assertThat(model.found()).isNotEmpty().hasSizeLessThan(all)
                .allSatisfy(s -> assertThat(s.record().resource().json().toLowerCase()).contains("allergy"));
    }

    @Test
    void saysWhatIsMissingOrWrongBeforeSharing() throws Exception {
        assertThat(problem()).isNull(); // the summary, 1 hour, no passcode
        Fx.run(() -> model.whatProperty().set(What.CATEGORIES));
        assertThat(problem()).isEqualTo(UserText.of("share.error.noCategory"));
        Fx.run(() -> model.chosenCategories().add(Category.ALLERGIES));
        assertThat(problem()).isNull();

        Fx.run(() -> model.whatProperty().set(What.RECORDS));
        assertThat(problem()).isEqualTo(UserText.of("share.error.noRecord"));
        Fx.run(() -> model.whatProperty().set(What.DATES));
        assertThat(problem()).isEqualTo(UserText.of("share.error.noDates"));
        Fx.run(() -> {
            model.fromProperty().set(LocalDate.of(2020, 5, 1));
            model.toProperty().set(LocalDate.of(2019, 5, 1));
        });
        assertThat(problem()).isEqualTo(UserText.of("share.error.datesReversed"));
        Fx.run(() -> model.toProperty().set(LocalDate.of(2024, 5, 1)));
        assertThat(problem()).isNull();

        Fx.run(() -> model.expiryProperty().set(Expiry.CUSTOM));
        assertThat(problem()).isEqualTo(UserText.of("share.error.customMissing"));
        Fx.run(() -> model.customDateProperty().set(LocalDate.of(2026, 11, 29)));
        Fx.run(() -> model.customTimeProperty().set("9 o'clock"));
        assertThat(problem()).isEqualTo(UserText.of("share.error.customTime"));
        Fx.run(() -> model.customTimeProperty().set("09:00")); // an hour ago
        assertThat(problem()).isEqualTo(UserText.of("share.error.tooSoon"));
        Fx.run(() -> model.customDateProperty().set(LocalDate.of(2028, 1, 1)));
        assertThat(problem()).isEqualTo(UserText.of("share.error.tooLate", 365L));
        Fx.run(() -> model.customDateProperty().set(LocalDate.of(2026, 12, 24)));
        assertThat(problem()).isNull();

        Fx.run(() -> model.passcodeOnProperty().set(true));
        assertThat(problem()).isEqualTo(UserText.of("share.error.passcodeEmpty"));
        Fx.run(() -> model.passcodeProperty().set("abc"));
        assertThat(problem()).isEqualTo(UserText.of("share.error.passcodeLength", 4, 64));
        Fx.run(() -> model.passcodeProperty().set("tulip-42"));
        assertThat(problem()).isEqualTo(UserText.of("share.error.passcodeMismatch"));
        Fx.run(() -> model.passcodeAgainProperty().set("tulip-42"));
        assertThat(problem()).isNull();

        Fx.run(() -> model.labelProperty().set("x".repeat(81)));
        assertThat(problem()).isEqualTo(UserText.of("share.error.labelLong", 80));
        Fx.run(() -> model.labelProperty().set("For Dr. Ng"));
        assertThat(problem()).isNull();

        // Create refuses with the same reason, and nothing reaches the relay.
        Fx.run(() -> model.passcodeAgainProperty().set("tulip-43"));
        assertThat(Fx.call(model::create)).isNull();
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("share.error.passcodeMismatch"));
        assertThat(shares.drafts).isEmpty();
    }

    @Test
    void createsTheShareInTheBackgroundAndShowsAQrCodeOfTheLink() throws Exception {
        Fx.run(() -> {
            model.whatProperty().set(What.CATEGORIES);
            model.chosenCategories().addAll(EnumSet.of(Category.ALLERGIES, Category.MEDICATIONS));
            model.expiryProperty().set(Expiry.DAYS_7);
            model.passcodeOnProperty().set(true);
            model.passcodeProperty().set("tulip-42");
            model.passcodeAgainProperty().set("tulip-42");
            model.labelProperty().set("For Dr. Ng");
            model.forWhomProperty().set("Dr. Ng, City Clinic");
        });
        var task = Fx.call(model::create);
        assertThat(model.stageProperty().get()).isEqualTo(Stage.CREATING);
        Fx.await(task);

        assertThat(model.stageProperty().get()).isEqualTo(Stage.DONE);
        ShareDraft sent = shares.drafts.get(0);
        assertThat(sent.selection()).isEqualTo(new ShareSelection.Categories(Set.of(Category.ALLERGIES, Category.MEDICATIONS)));
        assertThat(sent.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(sent.passcode()).contains("tulip-42");
        assertThat(sent.label()).contains("For Dr. Ng");
        assertThat(shares.forWhom).containsExactly(Optional.of("Dr. Ng, City Clinic"));

        var created = model.createdProperty().get();
        String decoded = QrCode.decode(ImageIO.read(new ByteArrayInputStream(created.qrPng())));
        assertThat(decoded).isEqualTo(created.linkText()).isEqualTo(created.share().link().toShlinkUri());
        // The passcode is never shown again.
        assertThat(model.passcodeProperty().get()).isEmpty();
        assertThat(model.passcodeAgainProperty().get()).isEmpty();

        Path png = temp.resolve("share-qr.png");
        Fx.await(Fx.call(() -> model.saveQr(png)));
        assertThat(QrCode.decode(png)).isEqualTo(created.linkText());
        Path page = temp.resolve("share.html");
        Fx.await(Fx.call(() -> model.savePrintablePage(page, "Scan me")));
        assertThat(Files.readString(page)).contains("For Dr. Ng").contains("Scan me").doesNotContain("tulip-42");
        assertThat(model.noticeProperty().get()).isEqualTo(UserText.of("share.pageSaved", page.toString()));

        Fx.run(model::another);
        assertThat(model.stageProperty().get()).isEqualTo(Stage.CHOOSING);
        assertThat(model.createdProperty().get()).isNull();
    }

    @Test
    void aFailureGoesBackToTheFormWithTheReason() throws Exception {
        shares.failWith = new ShareException("The relay refused the upload; try again later.");
        Fx.await(Fx.call(model::create));
        assertThat(model.stageProperty().get()).isEqualTo(Stage.CHOOSING);
        assertThat(model.errorProperty().get()).isEqualTo(UserText.literal("The relay refused the upload; try again later."));
        assertThat(model.createdProperty().get()).isNull();
    }

    @Test
    void cancellingWhileTheRelayIsBusyRevokesWhatWasMade() throws Exception {
        shares.hold = new CountDownLatch(1);
        var task = Fx.call(model::create);
        assertThat(shares.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Fx.run(model::cancel);
        shares.hold.countDown();
        Fx.await(task);
        Fx.awaitCondition(() -> !shares.revoked.isEmpty());
        assertThat(model.stageProperty().get()).isEqualTo(Stage.CHOOSING);
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("share.cancelled"));
        assertThat(shares.revoked).hasSize(1);
        assertThat(session.busyProperty().get()).isFalse();
    }

    @Test
    void lockingForgetsTheForm() throws Exception {
        Fx.run(() -> {
            model.passcodeOnProperty().set(true);
            model.passcodeProperty().set("tulip-42");
            model.forWhomProperty().set("Dr. Ng");
            model.chosenCategories().add(Category.ALLERGIES);
        });
        Fx.run(session::lock);
        assertThat(model.passcodeProperty().get()).isEmpty();
        assertThat(model.forWhomProperty().get()).isEmpty();
        assertThat(model.chosenCategories()).isEmpty();
        assertThat(model.categories()).isEmpty();
        assertThat(problem()).isEqualTo(UserText.of("share.error.locked"));
    }

    /** Records what the wizard asks for and answers with a share as wallet-core would make it. */
    static final class RecordingShares implements WalletShares {
        final List<ShareDraft> drafts = new ArrayList<>();
        final List<Optional<String>> forWhom = new ArrayList<>();
        final List<UUID> revoked = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch hold;
        volatile Exception failWith;

        @Override
        public Share create(ShareDraft draft, Optional<String> whom) throws Exception {
            entered.countDown();
            if (hold != null) {
                // Like a relay answer already on its way: it arrives even though the task was cancelled.
                boolean interrupted = false;
                while (true) {
                    try {
                        hold.await(10, TimeUnit.SECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failWith != null) {
                throw failWith;
            }
            drafts.add(draft);
            forWhom.add(whom);
            return share(draft);
        }

        static Share share(ShareDraft draft) {
            ShareLink link = ShareLink.of(URI.create("https://relay.example/shl/r" + draft.hashCode()),
                    ShareKey.generate(new SecureRandom()), Optional.of(draft.expiresAt()),
                    draft.passcode().isPresent() ? Set.of(ShareLink.Flag.P) : Set.of(), draft.label());
            return new Share(UUID.randomUUID(), "r" + draft.hashCode(), link, NOW, draft.selection().describe(),
                    draft.passcode().isPresent(), Digest.sha256(new byte[] {1}), Optional.empty());
        }

        @Override
        public List<Share> list() {
            return List.of();
        }

        @Override
        public Share revoke(UUID shareId) {
            revoked.add(shareId);
            return null;
        }

        @Override
        public Optional<String> forWhom(UUID shareId) {
            return Optional.empty();
        }
    }
}
