package org.healthwallet.e2e;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.app.ledger.ConsortiumSource;
import org.healthwallet.app.ledger.ProfileLedger;
import org.healthwallet.app.share.ShareOpenings;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.share.HttpRelayClient;
import org.healthwallet.core.share.PatientSigner;
import org.healthwallet.core.share.RpcGrantLedger;
import org.healthwallet.core.share.Share;
import org.healthwallet.core.share.ShareAccessException;
import org.healthwallet.core.share.ShareDraft;
import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareSelection;
import org.healthwallet.core.share.Shares;
import org.healthwallet.core.share.Sharing;
import org.healthwallet.core.share.ShlReceiver;
import org.healthwallet.core.vault.Vault;
import org.healthwallet.e2e.TestWallet.CreatedShare;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.AccessLogHead;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.GrantRevoked;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's acceptance, as a patient and a doctor do it with the command line, on the embedded dev
 * network (validators, RPC and share relay on loopback, blocks every second): share chosen records
 * with a passcode, read the QR code back, the doctor fails with a wrong passcode and then opens the
 * share, the access is on the ledger (verified), revoke, and an expired link is refused by the relay.
 */
class ShareEndToEndTest {
    private static final String PASSCODE = "2468-meadow";
    private static final String DOCTOR = "Dr. Ng, City Clinic";

    @TempDir
    Path dir;

    private TestWallet wallet;

    private static String decodeQr(Path png) throws Exception {
        var image = ImageIO.read(png.toFile());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap).getText();
    }

    @Test
    void shareOpenRevokeAndExpireOnTheEmbeddedDevNetwork() throws Exception {
        wallet = TestWallet.withJorge(dir.resolve("wallet"));
        Set<Category> chosen = Set.of(Category.IMMUNIZATIONS, Category.ALLERGIES, Category.CONDITIONS);
        Path passcodeFile = Files.writeString(dir.resolve("passcode.txt"), PASSCODE + "\n");
        Path wrongFile = Files.writeString(dir.resolve("wrong.txt"), "1357-river\n");
        Path qr = dir.resolve("share.png");
        Path received = dir.resolve("received.json");

        // The app's embedded dev network (its relay included), as the desktop app runs it; the
        // commands find it running through the consortium file it wrote and use it.
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(wallet.devnetDir()))) {
            assertThat(net.config().relay()).as("the embedded dev network runs a relay").isPresent();

            long started = System.nanoTime();
            CreatedShare created = wallet.shareCreate("--categories", "immunizations,allergies,conditions", "--expires", "1h",
                    "--passcode-file", passcodeFile.toString(), "--label", "For Dr. Ng", "--qr", qr.toString());
            System.out.printf("ShareEndToEndTest: 'share create' (unlock, build, encrypt, upload, grant committed) in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            String link = created.link();
            String viewer = created.viewer();
            assertThat(link).startsWith("shlink:/");
            assertThat(viewer).startsWith(net.config().relay().orElseThrow().toString()).endsWith("view#" + link);
            assertThat(created.out()).doesNotContain(PASSCODE);
            String shareId = created.id();

            // The QR image decodes (ZXing) to the viewer URL, which carries the same link.
            String scanned = decodeQr(qr);
            assertThat(scanned).isEqualTo(viewer);

            // Wrong passcode: 401 with the attempts left, counted down.
            Run wrong1 = wallet.cli("open-link", scanned, "--recipient", DOCTOR, "--passcode-file", wrongFile.toString());
            assertThat(wrong1.code()).isEqualTo(Cli.EXIT_FAILED);
            Matcher left1 = Pattern.compile("The passcode is wrong\\. (\\d+) attempts? (is|are) left").matcher(wrong1.err());
            assertThat(left1.find()).as(wrong1.err()).isTrue();
            Run wrong2 = wallet.cli("open-link", scanned, "--recipient", DOCTOR, "--passcode-file", wrongFile.toString());
            Matcher left2 = Pattern.compile("(\\d+) attempts? (is|are) left").matcher(wrong2.err());
            assertThat(left2.find()).as(wrong2.err()).isTrue();
            assertThat(Integer.parseInt(left2.group(1))).isEqualTo(Integer.parseInt(left1.group(1)) - 1);

            // The right passcode (from the environment this time): exactly the chosen records.
            Run opened = wallet.cli(Map.of("HEALTHWALLET_SHARE_PASSCODE", PASSCODE), "open-link", link, "--recipient", DOCTOR,
                    "--out", received.toString());
            assertThat(opened.code()).as(opened.err()).isZero();
            List<FhirResource> sharedResources = new FhirReader().read(
                    new ByteArrayInputStream(Files.readAllBytes(received)), "received", ImportProgress.NONE).resources();
            List<FhirResource> jorge = new FhirReader().read(SharedTestData.fhir(TestWallet.JORGE), ImportProgress.NONE)
                    .get(0).resources();
            Set<String> expected = FiledRecords.of(jorge).idsIn(chosen);
            assertThat(expected).isNotEmpty();
            assertThat(FiledRecords.of(sharedResources).idsIn(chosen)).isEqualTo(expected);
            Set<Category> others = java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(chosen));
            others.remove(Category.OTHER); // the Patient and what the records name directly come along
            assertThat(FiledRecords.of(sharedResources).idsIn(others)).as("records of categories not chosen").isEmpty();

            // The readable form too.
            Run shown = wallet.cli(Map.of("HEALTHWALLET_SHARE_PASSCODE", PASSCODE), "open-link", link, "--recipient", DOCTOR);
            assertThat(shown.code()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("Shared: For Dr. Ng").contains("immunizations").contains("allergies");

            Run listed = wallet.cli("share", "list");
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).containsPattern(shareId + "\\s+active\\s+opened 2\\b");

            // The accesses are on the ledger: the access log head, proven against a verified header,
            // and its entries chained to it.
            Digest grantId;
            Ed25519PublicKey patient;
            try (Vault vault = wallet.unlock()) {
                patient = new Ed25519PublicKey(vault.identityPublicKey());
                grantId = new Shares(vault).find(UUID.fromString(shareId)).orElseThrow().grantId();
            }
            try (ConsortiumSource source = ConsortiumSource.file(net.configFile());
                 ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, wallet.ledgerSeal())) {
                ShareOpenings openings = new ShareOpenings(ledger.connection());
                AccessLogHead head = openings.head(patient);
                assertThat(head.length()).isEqualTo(2);
                List<AccessEntry> entries = openings.entries(patient);
                try (Vault vault = wallet.unlock()) {
                    assertThat(SealedRecipients.of(vault, ledger.connection().config().chainId(), entries))
                            .containsExactly(DOCTOR, DOCTOR);
                }
                assertThat(entries).allSatisfy(e -> assertThat(new String(e.encode(), StandardCharsets.ISO_8859_1))
                        .as("the ledger keeps the name sealed").doesNotContain(DOCTOR));
                assertThat(entries).extracting(AccessEntry::shareId).containsOnly(grantId);
            }

            Run revoked = wallet.cli("share", "revoke", shareId);
            assertThat(revoked.code()).as(revoked.err()).isZero();
            Run afterRevoke = wallet.cli(Map.of("HEALTHWALLET_SHARE_PASSCODE", PASSCODE), "open-link", link, "--recipient", DOCTOR);
            assertThat(afterRevoke.code()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(afterRevoke.err()).contains("This link no longer works");
            assertThat(wallet.cli("share", "list").out()).containsPattern(shareId + "\\s+revoked");

            expiredLinkGets404(net, chosen);
        }
    }

    /**
     * A share whose minute is almost over when made (the wallet's clock set 56 s back, so it expires
     * about 5 s from now): once that has passed, the relay answers 404 and serves nothing.
     */
    private void expiredLinkGets404(EmbeddedConsortium net, Set<Category> chosen) throws Exception {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-56));
        try (Vault vault = wallet.unlock();
             ConsortiumSource source = ConsortiumSource.file(net.configFile());
             ProfileLedger ledger = ProfileLedger.open(wallet.dir(), source, vault.ledgerSeal())) {
            Sharing sharing = new Sharing(vault, HttpRelayClient.of(net.config().relay().orElseThrow()),
                    RpcGrantLedger.of(ledger.connection(), PatientSigner.of(vault)), behind, new SecureRandom());
            long started = System.nanoTime();
            Share share = sharing.create(ShareDraft.of(new ShareSelection.Categories(chosen), behind.instant(),
                    Duration.ofSeconds(61)).withPasscode(PASSCODE));
            System.out.printf("ShareEndToEndTest: Sharing.create with RpcGrantLedger in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            Instant expiry = share.expiresAt().orElseThrow();
            long wait = Duration.between(Instant.now(), expiry).toMillis() + 1500;
            assertThat(wait).isLessThan(10_000);
            Thread.sleep(Math.max(wait, 0));

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(share.link().url())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\":\"" + DOCTOR + "\",\"passcode\":\"" + PASSCODE + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("\"files\"");
            // The wallet's viewer refuses it before asking.
            assertThatThrownBy(() -> ShlReceiver.create().open(share.link(), DOCTOR, java.util.Optional.of(PASSCODE)))
                    .isInstanceOfSatisfying(ShareAccessException.class,
                            e -> assertThat(e.reason()).isEqualTo(ShareAccessException.Reason.EXPIRED));

            // The ledger's refusals reach the patient in words: revoking a share the ledger never had.
            RpcGrantLedger grants = RpcGrantLedger.of(ledger.connection(), PatientSigner.of(vault));
            assertThatThrownBy(() -> grants.revoke(new GrantRevoked(Digest.sha256(new byte[] {1, 2, 3}))))
                    .isInstanceOf(ShareException.class)
                    .hasMessageStartingWith("The revocation could not be recorded on the ledger: the ledger has no such share");
        }
    }
}
