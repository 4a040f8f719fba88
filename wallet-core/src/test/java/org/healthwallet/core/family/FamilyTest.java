package org.healthwallet.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.vault.CreatedVault;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Profiles;
import org.healthwallet.core.vault.RecoveryPhrase;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DelegationGranted;
import org.healthwallet.ledger.tx.DelegationScope;
import org.healthwallet.ledger.tx.HandOver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent's family in real vault files, with the ledger as an in-memory stand-in (the ledger's
 * own rules are tested in consortium-node and end to end): a child's wallet, the age rules with a
 * clock, the hand-over, and a backup that carries the child.
 */
class FamilyTest {
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final LocalDate BORN = LocalDate.of(2022, 10, 29);
    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"given\":[\"Lorenzo\"],\"family\":\"Barela\"}],\"birthDate\":\"2022-10-29\"}";
    private static final String SHOT = "{\"resourceType\":\"Immunization\",\"id\":\"i1\",\"status\":\"completed\",\"vaccineCode\":{\"text\":\"MMR\"},\"patient\":{\"reference\":\"Patient/p1\"},\"occurrenceDateTime\":\"2023-11-01\"}";
    private static final String SENSITIVE = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"Depression (disorder)\"},\"subject\":{\"reference\":\"Patient/p1\"}}";
    /** The stand-in for the sensitive-category rules: this test's one sensitive record. */
    private static final Predicate<StoredRecord> SENSITIVE_RULE = r -> r.resource().json().contains("Depression");

    @TempDir
    Path dir;

    private static Clock on(LocalDate day) {
        return Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant(), ZoneOffset.UTC);
    }

    private Vault parent(Path folder) throws Exception {
        Profiles profiles = new Profiles(folder);
        return Vault.create(profiles.vaultFile(profiles.create("")), "parent pass".toCharArray(), CHEAP, "Ana").vault();
    }

    private static void importInto(Vault vault, String... resources) throws Exception {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + String.join(",", java.util.Arrays.stream(resources).map(r -> "{\"resource\":" + r + "}").toList()) + "]}";
        vault.importRecords(List.of(new FhirReader().read(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)),
                "child.json", ImportProgress.NONE)), ImportProgress.NONE);
    }

    @Test
    void aChildsWalletHasItsOwnKeysAndVaultAndIsDelegatedToTheParentUntil18() throws Exception {
        Clock clock = on(LocalDate.of(2026, 12, 7));
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(clock);
        try (Vault parent = parent(dir)) {
            Family family = new Family(new Profiles(dir), parent, CHEAP, clock, new SecureRandom(), SENSITIVE_RULE);
            Dependent child = family.addChild("Lorenzo", BORN, ledger);

            assertThat(family.dependents()).containsExactly(child);
            assertThat(child.key().bytes()).isNotEqualTo(parent.identityPublicKey());
            DelegationGranted granted = (DelegationGranted) ledger.submitted.get(0);
            assertThat(granted.dependent()).isEqualTo(child.key());
            assertThat(granted.caregiver()).isEqualTo(new Ed25519PublicKey(parent.identityPublicKey()));
            assertThat(granted.scope().allows(DelegationScope.HAND_OVER)).isTrue();
            assertThat(Instant.ofEpochSecond(granted.endsAt())).isEqualTo(Instant.parse("2040-10-29T00:00:00Z"));
            try (Vault childVault = family.open(child)) {
                assertThat(childVault.identityPublicKey()).isEqualTo(child.key().bytes());
                assertThat(childVault.label()).isEqualTo("Lorenzo");
            }
            assertThat(new Profiles(dir).list()).hasSize(2);
            assertThat(Files.readString(dir.resolve("profiles.txt"))).doesNotContain("Lorenzo");
        }
    }

    @Test
    void aRefusalOnTheLedgerLeavesNoChildBehindAndBadInputIsNamed() throws Exception {
        Clock clock = on(LocalDate.of(2026, 12, 7));
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(clock);
        ledger.refuseWith = "the ledger is not ready yet";
        try (Vault parent = parent(dir)) {
            Family family = new Family(new Profiles(dir), parent, CHEAP, clock, new SecureRandom(), SENSITIVE_RULE);
            assertThatThrownBy(() -> family.addChild("Lorenzo", BORN, ledger)).isInstanceOf(FamilyException.class)
                    .hasMessageContaining("could not be recorded on the ledger");
            assertThat(family.dependents()).isEmpty();
            assertThat(new Profiles(dir).list()).hasSize(1);
            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".hwvault")).count()).isEqualTo(1);
            }
            ledger.refuseWith = null;
            assertThatThrownBy(() -> family.addChild("Later", LocalDate.of(2027, 1, 1), ledger)).hasMessageContaining("future");
            assertThatThrownBy(() -> family.addChild("Grown", LocalDate.of(2000, 1, 1), ledger)).hasMessageContaining("18 or older");
        }
    }

    @Test
    void fromTheTwelfthBirthdayTheParentNoLongerSeesTheChildsSensitiveRecords() throws Exception {
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(on(LocalDate.of(2026, 12, 7)));
        try (Vault parent = parent(dir)) {
            Dependent child = new Family(new Profiles(dir), parent, CHEAP, on(LocalDate.of(2026, 12, 7)), new SecureRandom(),
                    SENSITIVE_RULE).addChild("Lorenzo", BORN, ledger);
            Family at11 = new Family(new Profiles(dir), parent, CHEAP, on(LocalDate.of(2034, 10, 28)), new SecureRandom(), SENSITIVE_RULE);
            Family at12 = new Family(new Profiles(dir), parent, CHEAP, on(LocalDate.of(2034, 10, 29)), new SecureRandom(), SENSITIVE_RULE);
            try (Vault childVault = at11.open(child)) {
                importInto(childVault, PATIENT, SHOT, SENSITIVE);
                assertThat(at11.view(child, childVault).records()).hasSize(3);
                assertThat(at12.view(child, childVault).records()).hasSize(2)
                        .noneMatch(r -> r.resource().json().contains("Depression"));
                assertThat(childVault.records()).as("kept in the child's vault for the hand-over").hasSize(3);
            }
        }
    }

    @Test
    void theHandOverGivesTheYoungAdultANewKeyAndTheParentLosesTheWallet() throws Exception {
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(on(LocalDate.of(2026, 12, 7)));
        Path young = dir.resolve("young");
        Path parentDir = dir.resolve("parent");
        try (Vault parent = parent(parentDir)) {
            Family now = new Family(new Profiles(parentDir), parent, CHEAP, on(LocalDate.of(2026, 12, 7)), new SecureRandom(), SENSITIVE_RULE);
            Dependent child = now.addChild("Lorenzo", BORN, ledger);
            try (Vault childVault = now.open(child)) {
                importInto(childVault, PATIENT, SHOT, SENSITIVE);
            }
            assertThatThrownBy(() -> now.exportHandOver(child, dir.resolve("early.hwtransfer"), "test-chain"))
                    .hasMessageContaining("is 4");

            Family at18 = new Family(new Profiles(parentDir), parent, CHEAP, on(LocalDate.of(2040, 10, 29)), new SecureRandom(), SENSITIVE_RULE);
            Path transfer = dir.resolve("lorenzo.hwtransfer");
            String code = at18.exportHandOver(child, transfer, "test-chain");
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
            assertThat(Files.readAllBytes(transfer)).asString(StandardCharsets.ISO_8859_1).doesNotContain("Lorenzo").doesNotContain("MMR");
            assertThatThrownBy(() -> HandOverTransfer.read(transfer, "AAAA-AAAA-AAAA")).hasMessageContaining("not right");

            HandOverTransfer opened = HandOverTransfer.read(transfer, code.toLowerCase());
            Files.createDirectories(young);
            CreatedVault taken = TakeOver.complete(opened, young.resolve("own.hwvault"), "new pass".toCharArray(), CHEAP, ledger);
            try (Vault mine = taken.vault()) {
                assertThat(mine.records()).hasSize(3);
                assertThat(mine.identityPublicKey()).isNotEqualTo(child.key().bytes());
                HandOver handOver = (HandOver) ledger.submitted.get(ledger.submitted.size() - 1);
                assertThat(handOver.dependent()).isEqualTo(child.key());
                assertThat(handOver.newKey()).isEqualTo(new Ed25519PublicKey(mine.identityPublicKey()));
                assertThat(handOver.newKeyAccepted("test-chain")).isTrue();
            }
            assertThat(at18.removeHandedOver(ledger)).containsExactly(child);
            assertThat(at18.dependents()).isEmpty();
            assertThat(Files.exists(new Profiles(parentDir).vaultFile(new org.healthwallet.core.vault.Profile(child.profileId(), false, null))))
                    .isFalse();
        }
    }

    @Test
    void aParentsBackupCarriesTheChildsWalletAndRestoresWithTheParentsPhraseAlone() throws Exception {
        InMemoryFamilyLedger ledger = new InMemoryFamilyLedger(on(LocalDate.of(2026, 12, 7)));
        Path home = dir.resolve("home");
        Profiles profiles = new Profiles(home);
        CreatedVault created = Vault.create(profiles.vaultFile(profiles.create("")), "parent pass".toCharArray(), CHEAP, "Ana");
        RecoveryPhrase phrase = created.phrase();
        Path backup = dir.resolve("family.hwbackup");
        List<String> childHashes;
        try (Vault parent = created.vault()) {
            Family family = new Family(profiles, parent, CHEAP, on(LocalDate.of(2026, 12, 7)), new SecureRandom(), SENSITIVE_RULE);
            Dependent child = family.addChild("Lorenzo", BORN, ledger);
            try (Vault childVault = family.open(child)) {
                importInto(childVault, PATIENT, SHOT);
                childHashes = childVault.records().stream().map(r -> r.resource().contentHash()).sorted().toList();
            }
            FamilyBackup.write(backup, parent, family);
        }
        assertThat(FamilyBackup.isFamilyBackup(backup)).isTrue();
        assertThat(Files.readAllBytes(backup)).asString(StandardCharsets.ISO_8859_1).doesNotContain("Lorenzo");

        Path restoredHome = dir.resolve("restored");
        Profiles restoredProfiles = new Profiles(restoredHome);
        Path ownerFile = restoredProfiles.vaultFile(restoredProfiles.create(""));
        try (Vault parent = FamilyBackup.restore(backup, phrase, ownerFile, "another pass".toCharArray(), CHEAP, restoredProfiles)) {
            Family family = new Family(restoredProfiles, parent, CHEAP, on(LocalDate.of(2026, 12, 7)), new SecureRandom(), SENSITIVE_RULE);
            assertThat(family.dependents()).extracting(Dependent::label).containsExactly("Lorenzo");
            try (Vault childVault = family.open(family.dependents().get(0))) {
                assertThat(childVault.records().stream().map(r -> r.resource().contentHash()).sorted().toList()).isEqualTo(childHashes);
            }
        }
    }
}
