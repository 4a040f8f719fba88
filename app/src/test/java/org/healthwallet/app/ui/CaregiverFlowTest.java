package org.healthwallet.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TableView;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.family.FamilyWiring;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.wallet.OpenWallet;
import org.healthwallet.app.wallet.VaultHome;
import org.healthwallet.core.family.CaregiverCode;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.DelegationRecord;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 10 in the app, on the embedded dev network: a parent adds a child (who then appears in the
 * profile switcher), switches to the child's wallet (the banner says so on every page, and goes
 * when switching back), and imports another person's file, which the app stops at and, answered,
 * puts in the child's wallet. A patient invites a caregiver with the caregiver's code; the
 * caregiver's wallet (driven through wallet-core) accepts; the patient revokes. Screenshots:
 * family.png, profile-banner.png, caregivers-dependent.png, import-question.png, caregivers.png.
 */
class CaregiverFlowTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final RunningApp app = new RunningApp();

    private final FxRobot robot = new FxRobot();

    @Test
    void aParentAddsAChildActsForThemAndPutsAnotherPersonsFileInTheChildsWallet() throws Exception {
        app.start(temp.resolve("parent"));
        app.createWallet(RunningApp.PASSPHRASE);
        app.importFile(TestFiles.samplePatient());
        assertThat(app.present("#profileChoice")).as("no dependents yet: no switcher").isFalse();

        robot.clickOn("#nav-family");
        app.waitUntil(() -> app.present("#familyScreen"), 10);
        robot.interact(() -> {
            robot.lookup("#childName").queryTextInputControl().setText("Lorenzo");
            robot.lookup("#childBorn").queryAs(DatePicker.class).setValue(LocalDate.of(2022, 10, 29));
        });
        robot.interact(() -> robot.lookup("#addChild").queryButton().fire());
        // The first ledger action starts the embedded dev network.
        app.waitUntil(() -> !app.labelText("#familyDone").isEmpty() || !app.labelText("#familyError").isEmpty(), 180);
        assertThat(app.labelText("#familyError")).isEmpty();
        assertThat(app.labelText("#familyDone")).startsWith("Lorenzo's wallet was added.");
        robot.interact(() -> robot.lookup("#showCaregiverCode").queryButton().fire());
        app.waitUntil(() -> app.present("#caregiverQr"), 20);
        app.saveScreenshot("family.png");

        app.waitUntil(() -> app.present("#profileChoice"), 20);
        ComboBox<?> switcher = robot.lookup("#profileSwitcher").queryComboBox();
        assertThat(switcher.getItems()).hasSize(2);
        assertThat(app.present("#profileBanner")).isFalse();
        robot.interact(() -> switcher.getSelectionModel().select(1));
        app.waitUntil(() -> app.present("#profileBanner"), 30);
        int age = java.time.Period.between(LocalDate.of(2022, 10, 29), LocalDate.now()).getYears();
        assertThat(app.labelText("#profileBanner")).isEqualTo("You are acting for Lorenzo (child, " + age
                + "). Shares you make are recorded as made by you, as caregiver.");
        assertThat(robot.lookup("#profileBanner").query().getAccessibleText()).isEqualTo(app.labelText("#profileBanner"));
        app.waitUntil(() -> app.present("#homeScreen"), 10);
        app.saveScreenshot("profile-banner.png");
        robot.clickOn("#nav-caregivers");
        app.waitUntil(() -> app.present("#caregiversOnlyDependent"), 10);
        assertThat(app.present("#profileBanner")).as("on every page").isTrue();
        assertThat(app.present("#caregiversEditable")).as("nothing to change here").isFalse();
        app.saveScreenshot("caregivers-dependent.png");

        selectProfile(0);
        app.waitUntil(() -> !app.present("#profileBanner"), 20);
        assertThat(robot.lookup("#profileSwitcher").queryComboBox().getValue()).isNotNull();

        // Another person's file, imported in the parent's own profile: the app asks.
        robot.clickOn("#nav-import");
        app.paste("#importPath", TestFiles.jorgeBrekke().toString());
        robot.clickOn("#importPathButton");
        app.waitUntil(() -> app.present("#importQuestion"), 60);
        assertThat(app.labelText("#importQuestionTitle")).contains("Brekke").contains("not of the person this wallet belongs to");
        assertThat(app.present("#importReport")).isFalse();
        app.saveScreenshot("import-question.png");
        robot.interact(() -> robot.lookup("#importIntoDependent").queryButton().fire());
        app.waitUntil(() -> app.present("#profileBanner") && app.present("#importReport"), 120);
        assertThat(app.labelText("#profileBanner")).contains("Lorenzo");
        assertThat(app.labelText("#importStatus")).startsWith("Done: ").doesNotStartWith("Done: 0 new");
        app.saveScreenshot("import-into-dependent.png");

        // A share made in Lorenzo's profile is issued by the parent's key; the nurse's access is marked in his log.
        robot.clickOn("#nav-share");
        app.waitUntil(() -> app.present("#shareWizard"), 10);
        robot.interact(() -> robot.lookup("#shareWhat-summary").queryAs(javafx.scene.control.RadioButton.class).setSelected(true));
        robot.interact(() -> robot.lookup("#shareLabel").queryTextInputControl().setText("For the school nurse"));
        robot.interact(() -> robot.lookup("#shareCreate").queryButton().fire());
        app.waitUntil(() -> app.present("#shareQr") || !app.labelText("#shareError").isEmpty(), 120);
        assertThat(app.labelText("#shareError")).isEmpty();
        String link = org.healthwallet.core.share.QrCode.decode(app.saveScreenshot("share-as-caregiver.png"));
        assertThat(org.healthwallet.core.share.ShlReceiver.create().open(link, "School nurse, Hill Primary",
                java.util.Optional.empty()).files()).isNotEmpty();
        robot.clickOn("#nav-access_log");
        app.waitUntil(() -> app.present("#accessLogTable"), 10);
        robot.interact(() -> robot.lookup("#accessLogSync").queryButton().fire());
        app.waitUntil(() -> robot.lookup("#accessLogTable .caregiver-mark").tryQuery().isPresent(), 60);
        assertThat(robot.lookup("#accessLogTable").queryTableView().getItems()).hasSize(1);
        assertThat(((javafx.scene.control.Label) robot.lookup("#accessLogTable .caregiver-mark").query()).getText())
                .isEqualTo("shared by you, as caregiver");
        assertThat(app.present("#profileBanner")).isTrue();
        app.saveScreenshot("access-log-caregiver.png");

        // Back in the parent's own wallet: still their own 77 records, nothing of Jorge's.
        selectProfile(0);
        app.waitUntil(() -> !app.present("#profileBanner"), 20);
        robot.clickOn("#nav-import");
        app.paste("#importPath", TestFiles.samplePatient().toString());
        robot.clickOn("#importPathButton");
        app.waitUntil(() -> app.present("#importReport"), 60);
        assertThat(app.present("#importQuestion")).isFalse();
        assertThat(app.labelText("#importStatus")).as("the same person: no question, nothing of Jorge's here")
                .isEqualTo("Done: 0 new, 77 already in your wallet, 0 skipped.");
    }

    @Test
    void aPatientInvitesACaregiverWhoAcceptsAndThePatientRevokesThem() throws Exception {
        Path dad = temp.resolve("dad");
        OpenWallet maria = new VaultHome(TestFiles.cheapConfig(temp.resolve("maria"))).create("Tulip-Orbit-42!".toCharArray()).wallet();
        String mariasCode = CaregiverCode.of(maria.vault().orElseThrow()).text();
        app.start(dad);
        app.createWallet(RunningApp.PASSPHRASE);
        app.importFile(TestFiles.samplePatient());

        robot.clickOn("#nav-caregivers");
        app.waitUntil(() -> app.present("#caregiversScreen"), 10);
        robot.interact(() -> {
            robot.lookup("#inviteCode").queryTextInputControl().setText(mariasCode);
            robot.lookup("#inviteName").queryTextInputControl().setText("Maria, my daughter");
            robot.lookup("#inviteMyName").queryTextInputControl().setText("Dad");
            // Reading her father's records (a copy kept current through the relay), not sharing them.
            robot.lookup("#scopeRecords").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
            robot.lookup("#scopeShare").queryAs(javafx.scene.control.CheckBox.class).setSelected(false);
        });
        app.saveScreenshot("caregivers-invite.png");
        robot.interact(() -> robot.lookup("#inviteButton").queryButton().fire());
        app.waitUntil(() -> app.present("#invitationMade") || !app.labelText("#caregiversError").isEmpty(), 180);
        assertThat(app.labelText("#caregiversError")).isEmpty();
        Path saved = temp.resolve("invitation.txt");
        robot.interact(() -> app.window().answerSaveDialogsWith(title -> saved.toFile()));
        robot.interact(() -> robot.lookup("#saveInvitation").queryButton().fire());
        app.waitUntil(() -> Files.exists(saved) && app.labelText("#caregiversDone").startsWith("Saved"), 20);
        String invitation = Files.readString(saved).strip();
        assertThat(invitation).startsWith("hwinvite:/").isEqualTo(robot.lookup("#invitationOut").queryTextInputControl().getText());
        TableView<?> table = robot.lookup("#caregiversTable").queryTableView();
        app.waitUntil(() -> table.getItems().size() == 1, 20);
        Path shot = app.saveScreenshot("caregivers.png");
        assertThat(org.healthwallet.core.share.QrCode.decode(shot)).as("the QR code on screen").isEqualTo(invitation);

        // Maria's wallet accepts, on the same consortium (the dev network the app started).
        ConsortiumSource network = ConsortiumSource.file(dad.resolve("devnet").resolve(EmbeddedConsortium.CONFIG_FILE));
        Ed25519PublicKey dadsKey;
        try (FamilyWiring mariasFamily = FamilyWiring.of(maria, temp.resolve("maria"), TestFiles.CHEAP_KDF, network,
                Clock.systemDefaultZone())) {
            Dependent accepted = mariasFamily.family().accept(invitation, mariasFamily.ledger(), mariasFamily.fetcher(), "Maria");
            assertThat(accepted.label()).isEqualTo("Dad");
            assertThat(accepted.kind()).isEqualTo(Dependent.Kind.ADULT);
            assertThat(accepted.scope().allows(DelegationScope.RECORDS)).isTrue();
            assertThat(accepted.scope().allows(DelegationScope.SHARE)).isFalse();
            try (org.healthwallet.core.vault.Vault copy = mariasFamily.family().open(accepted)) {
                assertThat(copy.records()).as("Maria's copy of what Dad imported in the app").hasSize(77);
            }
            dadsKey = accepted.key();

            // Dad revokes her, after the confirmation.
            robot.clickOn(robot.lookup(".button").match(n -> n instanceof Button b && "Revoke".equals(b.getText())
                    && b.getScene() == app.window().scene()).queryButton());
            app.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), 10);
            robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> "Revoke".equals(((Button) n).getText())).queryButton());
            app.waitUntil(() -> app.labelText("#caregiversDone").equals("Maria, my daughter no longer acts for you."), 60);
            assertThat(app.labelText("#caregiversError")).isEmpty();
            app.waitUntil(() -> table.getItems().size() == 1 && robot.lookup(".button").match(n -> n instanceof Button b
                    && "Revoke".equals(b.getText()) && b.getScene() == app.window().scene()).tryQuery().isEmpty(), 20);
            java.util.Optional<DelegationRecord> onLedger = mariasFamily.ledger()
                    .delegation(dadsKey, new Ed25519PublicKey(maria.vault().orElseThrow().identityPublicKey()));
            assertThat(onLedger.map(DelegationRecord::ended)).as("ended on the ledger, proven")
                    .hasValue(DelegationRecord.Ending.REVOKED);
        } finally {
            network.close();
            maria.close();
        }
    }

    @Test
    void aCaregiverAcceptsAnInvitationOnTheFamilyPageAndThenActsForThePatient() throws Exception {
        Path mariaDir = temp.resolve("maria");
        Path dadDir = temp.resolve("dad");
        // The network the app finds running on its data folder (as one "healthwallet node devnet" runs).
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                org.healthwallet.node.devnet.EmbeddedConsortiumOptions.embedded(mariaDir.resolve("devnet")))) {
            app.start(mariaDir);
            app.createWallet(RunningApp.PASSPHRASE);
            robot.clickOn("#nav-family");
            app.waitUntil(() -> app.present("#familyScreen"), 10);
            robot.interact(() -> robot.lookup("#showCaregiverCode").queryButton().fire());
            app.waitUntil(() -> robot.lookup("#caregiverCode").queryTextInputControl().getText().startsWith("hwcaregiver:/"), 20);
            String mariasCode = robot.lookup("#caregiverCode").queryTextInputControl().getText();

            // Dad's wallet (driven through wallet-core) invites her with that code.
            OpenWallet dad = new VaultHome(TestFiles.cheapConfig(dadDir)).create("Tulip-Orbit-42!".toCharArray()).wallet();
            dad.importFiles(java.util.List.of(TestFiles.samplePatient()), org.healthwallet.core.records.ImportProgress.NONE);
            String invitation;
            ConsortiumSource network = ConsortiumSource.file(mariaDir.resolve("devnet").resolve(EmbeddedConsortium.CONFIG_FILE));
            try (FamilyWiring dads = FamilyWiring.of(dad, dadDir, TestFiles.CHEAP_KDF, network, Clock.systemDefaultZone())) {
                invitation = dads.caregivers().invite(CaregiverCode.parse(mariasCode), "Maria", "Dad",
                        new DelegationScope(DelegationScope.RECORDS), java.time.Instant.now().plus(java.time.Duration.ofDays(90)))
                        .invitationText();
            } finally {
                network.close();
                dad.close();
            }

            robot.interact(() -> {
                robot.lookup("#invitationText").queryTextInputControl().setText(invitation);
                robot.lookup("#acceptAs").queryTextInputControl().setText("Maria (daughter)");
            });
            app.saveScreenshot("family-accept.png");
            robot.interact(() -> robot.lookup("#acceptInvitation").queryButton().fire());
            app.waitUntil(() -> !app.labelText("#familyDone").isEmpty() || !app.labelText("#familyError").isEmpty(), 120);
            assertThat(app.labelText("#familyError")).isEmpty();
            assertThat(app.labelText("#familyDone")).isEqualTo("You now act for Dad. Choose them under \"Whose wallet\".");
            app.waitUntil(() -> app.present("#profileChoice"), 20);
            selectProfile(1);
            app.waitUntil(() -> app.present("#profileBanner"), 30);
            assertThat(app.labelText("#profileBanner")).isEqualTo("You are acting for Dad (adult), as their caregiver. Shares you make are recorded as made by you, as caregiver.");
            app.saveScreenshot("profile-banner-adult.png");
        }
    }

    private void selectProfile(int index) {
        robot.interact(() -> robot.lookup("#profileSwitcher").queryComboBox().getSelectionModel().select(index));
    }
}
