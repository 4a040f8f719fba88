package org.healthwallet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.healthwallet.core.share.ShareKey;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The share and open-link commands' refusals: wrong usage, secrets as arguments, bad links, a
 * consortium without a relay. Each is one line a person can act on, and nothing is shared. (The
 * whole flow against the dev network and its relay is {@code e2e/ShareEndToEndTest}.)
 */
class ShareCliTest {
    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
            "HEALTHWALLET_PASSPHRASE", "Tulip-Orbit-42!"));

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--wallet", temp.resolve("wallet").toString()));
        all.addAll(List.of(args));
        int code = new Cli(env, null, new PrintWriter(out), new PrintWriter(err),
                config -> { throw new AssertionError("the app must not open"); }).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void whatToShareMustBeSaidOnceAndTheLifetimeMustFit() {
        Run neither = run("share", "create");
        assertThat(neither.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(neither.err()).contains("--categories").contains("--summary");

        Run both = run("share", "create", "--summary", "--categories", "allergies");
        assertThat(both.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(both.err()).contains("mutually exclusive");

        Run badCategory = run("share", "create", "--categories", "allergies,xrays");
        assertThat(badCategory.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(badCategory.err()).contains("'xrays' is not a category");

        Run tooShort = run("share", "create", "--summary", "--expires", "30s");
        assertThat(tooShort.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(tooShort.err()).contains("from 1 minute to 365 days");
        assertThat(run("share", "create", "--summary", "--expires", "400d").err()).contains("from 1 minute to 365 days");
        assertThat(temp.resolve("wallet")).doesNotExist();
    }

    @Test
    void aPasscodeIsNeverAnArgument() {
        Run given = run("share", "create", "--summary", "--passcode", "2468-meadow");
        assertThat(given.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(given.err()).contains("Unknown option --passcode").doesNotContain("2468-meadow");

        Run opened = run("open-link", "shlink:/abc", "--recipient", "Dr. Ng", "--passcode=2468-meadow");
        assertThat(opened.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(opened.err()).doesNotContain("2468-meadow");

        Run missingFile = run("share", "create", "--summary", "--passcode-file", temp.resolve("nope.txt").toString());
        assertThat(missingFile.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(missingFile.err().strip()).isEqualTo("The share passcode file " + temp.resolve("nope.txt") + " does not exist.");
    }

    @Test
    void aShareIdIsCheckedBeforeAnythingIsOpened() {
        Run bad = run("share", "revoke", "not-a-share");
        assertThat(bad.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(bad.err().strip()).isEqualTo("'not-a-share' is not a share id; 'healthwallet share list' shows them.");
        assertThat(temp.resolve("wallet")).doesNotExist();
    }

    @Test
    void theDoctorGetsOneLineForALinkThatCannotBeOpened() throws Exception {
        Run noRecipient = run("open-link", "shlink:/abc");
        assertThat(noRecipient.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(noRecipient.err()).contains("--recipient");

        Run malformed = run("open-link", "shlink:/not*base64", "--recipient", "Dr. Ng");
        assertThat(malformed.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(malformed.err().lines()).hasSize(1);
        assertThat(malformed.err()).doesNotContain("Exception").doesNotContain("\tat ");

        ShareLink expired = ShareLink.of(URI.create("http://127.0.0.1:9/shl/" + "a".repeat(43)),
                ShareKey.generate(new SecureRandom()), Optional.of(Instant.now().minus(Duration.ofMinutes(5))),
                Set.of(), Optional.of("Old"));
        Run late = run("open-link", expired.toShlinkUri(), "--recipient", "Dr. Ng");
        assertThat(late.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(late.err()).containsIgnoringCase("expired");
        assertThat(late.err().lines()).hasSize(1);

        // Nobody listens on port 9: unreachable, said in one line.
        ShareLink nowhere = ShareLink.of(URI.create("http://127.0.0.1:9/shl/" + "b".repeat(43)),
                ShareKey.generate(new SecureRandom()), Optional.of(Instant.now().plus(Duration.ofHours(1))),
                Set.of(), Optional.empty());
        Run unreachable = run("open-link", nowhere.toShlinkUri(), "--recipient", "Dr. Ng", "--out",
                temp.resolve("out.json").toString());
        assertThat(unreachable.code()).isEqualTo(Cli.EXIT_FAILED);
        assertThat(unreachable.err().lines()).hasSize(1);
        assertThat(temp.resolve("out.json")).doesNotExist();
    }

    @Test
    void aConsortiumWithoutARelayIsSaidSoAndNothingIsShared() throws Exception {
        assertThat(run("init").code()).isZero();
        try (EmbeddedConsortium net = EmbeddedConsortium.start(
                new EmbeddedConsortiumOptions(temp.resolve("net"), 4, 0, 3, Duration.ZERO))) {
            assertThat(net.config().relay()).isEmpty();
            Run create = run("share", "create", "--summary", "--consortium", net.configFile().toString());
            assertThat(create.code()).as(create.err()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(create.err().strip()).startsWith("The consortium configuration names no share relay");
            Run list = run("share", "list", "--consortium", net.configFile().toString());
            assertThat(list.code()).isEqualTo(Cli.EXIT_FAILED);
        }
    }
}
