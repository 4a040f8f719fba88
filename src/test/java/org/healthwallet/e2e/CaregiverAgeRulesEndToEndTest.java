package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.core.crypto.IdentityKey;
import org.healthwallet.core.crypto.KeyHierarchy;
import org.healthwallet.core.crypto.MnemonicCode;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.family.Family;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.core.family.RpcFamilyLedger;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.SensitiveCategories;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.share.ShlReceiver;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's age rules on the dev network, with the family's clock set by the test: at 12 the
 * child's sensitive records leave the parent's view and no share the parent makes can include them;
 * at 18 the hand-over gives the young adult a wallet of their own, the parent's copy goes once the
 * ledger shows it, and the ledger refuses the old key.
 */
class CaregiverAgeRulesEndToEndTest {
    private static final LocalDate BORN = LocalDate.of(2022, 10, 29);
    /** A record the child's own from 12: "Victim of intimate partner abuse (finding)", SNOMED CT 706893006. */
    private static final String ABUSE = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"resource":{"resourceType":"Patient","id":"lorenzo","name":[{"family":"Barela183","given":["Lorenzo669"]}],"birthDate":"2022-10-29"}},
             {"resource":{"resourceType":"Condition","id":"abuse-1","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
              "code":{"coding":[{"system":"http://snomed.info/sct","code":"706893006","display":"Victim of intimate partner abuse (finding)"}]},
              "subject":{"reference":"Patient/lorenzo"},"onsetDateTime":"2026-11-01"}}]}
            """;

    @TempDir
    Path dir;

    private static Clock on(LocalDate day) {
        return Clock.fixed(day.atStartOfDay(ZoneId.systemDefault()).plusHours(12).toInstant(), ZoneId.systemDefault());
    }

    @Test
    void atTwelveSensitiveRecordsLeaveTheParentsViewAndAtEighteenTheYoungAdultTakesOver() throws Exception {
        TestWallet parent = TestWallet.withJorge(dir.resolve("parent"));
        Path sensitiveFile = Files.writeString(dir.resolve("abuse.json"), ABUSE);
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(parent.devnetDir()))) {
            parent.succeeds("dependent", "add-child", "--name", "Lorenzo", "--born", BORN.toString());
            parent.succeeds("--profile", "Lorenzo", "import", SharedTestData.fhir(CaregiverChildEndToEndTest.CHILD_FILE).toString());
            parent.succeeds("--profile", "Lorenzo", "import", sensitiveFile.toString());

            Dependent lorenzo;
            String oldPhrase;
            try (Vault own = parent.unlock();
                 ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(parent.dir(), source, own.ledgerSeal())) {
                Family at11 = family(parent, own, BORN.plusYears(12).minusDays(1));
                Family at12 = family(parent, own, BORN.plusYears(12));
                lorenzo = at11.find("Lorenzo").orElseThrow();
                oldPhrase = lorenzo.recoveryPhrase().orElseThrow();
                try (Vault child = at11.open(lorenzo)) {
                    StoredRecord abuse = child.records().stream()
                            .filter(r -> r.resource().json().contains("706893006")).findFirst().orElseThrow();
                    assertThat(SensitiveCategories.of(abuse)).isNotEmpty();
                    assertThat(at11.view(lorenzo, child).records()).contains(abuse);
                    assertThat(at12.view(lorenzo, child).records()).doesNotContain(abuse)
                            .hasSize(child.records().size() - 1);

                    // The parent shares the conditions at 12: the link carries every condition but that one.
                    Sharing sharing = new Sharing(child, PatientSigner.of(own), lorenzo.key(), () -> at12.view(lorenzo, child),
                            HttpRelayClient.of(net.config().relay().orElseThrow()),
                            RpcGrantLedger.of(ledger.connection(), PatientSigner.of(own)), Clock.systemDefaultZone(), new SecureRandom());
                    Share conditions = sharing.create(ShareDraft.of(new ShareSelection.Categories(EnumSet.of(Category.CONDITIONS)),
                            java.time.Instant.now(), java.time.Duration.ofHours(1)));
                    List<FhirResource> got = new FhirReader().read(new java.io.ByteArrayInputStream(
                            ShlReceiver.create().open(conditions.link(), "Dr. Ng", Optional.empty()).files().get(0).content()),
                            "shared.json", ImportProgress.NONE).resources();
                    assertThat(got.stream().filter(r -> r.resourceType().equals("Condition")).count())
                            .isEqualTo(at12.view(lorenzo, child).byCategory(Category.CONDITIONS).size()).isPositive();
                    assertThat(got).noneMatch(r -> r.json().contains("706893006"));
                    // Nor can it be picked by hand.
                    assertThatThrownBy(() -> sharing.create(ShareDraft.of(new ShareSelection.Records(Set.of(abuse.id())),
                            java.time.Instant.now(), java.time.Duration.ofHours(1)))).isInstanceOf(ShareException.class)
                            .hasMessageContaining("no longer in the wallet");
                }

                // At 18: the parent writes the transfer file.
                Family at18 = family(parent, own, BORN.plusYears(18));
                Path transfer = dir.resolve("lorenzo.hwtransfer");
                String code = at18.exportHandOver(lorenzo, transfer, net.config().chainId());
                Files.writeString(dir.resolve("code.txt"), code);
            }

            // The young adult, in a folder of their own, takes it over with the code.
            TestWallet young = TestWallet.empty(dir.resolve("lorenzo"));
            Run taken = young.cli("take-over", dir.resolve("lorenzo.hwtransfer").toString(), "--code-file",
                    dir.resolve("code.txt").toString(), "--consortium", net.configFile().toString());
            assertThat(taken.code()).as(taken.err()).isZero();
            assertThat(taken.out()).contains("Your wallet is yours now, Lorenzo").contains("Your new recovery phrase");
            int childRecords;
            try (Vault mine = young.unlock()) {
                childRecords = mine.records().size();
                assertThat(mine.identityPublicKey()).isNotEqualTo(lorenzo.key().bytes());
                assertThat(mine.records()).anyMatch(r -> r.resource().json().contains("706893006"))
                        .as("the sensitive records are the young adult's");
            }
            assertThat(childRecords).isGreaterThan(200);

            // The parent's wallet sees the hand-over on the ledger and removes its copy.
            Run listed = parent.succeeds("dependent", "list");
            assertThat(listed.out()).contains("Lorenzo has taken over their own wallet").contains("You hold no one else's wallet.");
            Run gone = parent.cli("--profile", "Lorenzo", "records", "count");
            assertThat(gone.err()).contains("There is no dependent named 'Lorenzo'");
            try (var files = Files.list(parent.dir())) {
                assertThat(files.filter(f -> f.toString().endsWith(".hwvault")).count()).as("only the parent's own vault").isEqualTo(1);
            }

            // The ledger refuses the old key, which the parent also knew.
            try (ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(parent.dir(), source, parent.ledgerSeal());
                 IdentityKey old = identity(oldPhrase)) {
                Ed25519PublicKey oldKey = new Ed25519PublicKey(old.publicKey());
                assertThatThrownBy(() -> new RpcFamilyLedger(ledger.connection()).submit(oldKey, old::sign,
                        new DelegationGranted(oldKey, new Ed25519PublicKey(AnotherKey.any()), DelegationScope.ALL,
                                java.time.Instant.now().plusSeconds(3600).getEpochSecond()), "The old key's delegation"))
                        .isInstanceOf(FamilyException.class).hasMessageContaining("handed over");
            }
        }
    }

    private static Family family(TestWallet parent, Vault own, LocalDate day) {
        return new Family(new Profiles(parent.dir()), own, TestWallet.LOW_COST_KDF, on(day), new SecureRandom(),
                r -> !SensitiveCategories.of(r).isEmpty());
    }

    private static IdentityKey identity(String phrase) throws Exception {
        byte[] root = MnemonicCode.toEntropy(Arrays.asList(phrase.split(" ")));
        try (KeyHierarchy keys = KeyHierarchy.fromRootSecret(root)) {
            return new IdentityKey(keys.identitySeed());
        }
    }

    /** Another valid Ed25519 key to name as caregiver. */
    private static final class AnotherKey {
        static byte[] any() {
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            return new IdentityKey(seed).publicKey();
        }
    }
}
