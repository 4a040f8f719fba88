package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.healthwallet.app.AppConfig;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.healthwallet.node.devnet.Misbehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary node that lies about the access log's HEAD (a loopback proxy in front of the dev
 * network's primary): it serves an older head with the current proof (the proof fails), replays an
 * old proven answer (older than what the wallet verified), and finally serves a conflicting chain
 * that the witnesses disagree with. Each time {@code access-log} exits non-zero, says which check
 * failed and names the primary (and the witness), and prints only the last verified log; the next
 * sync through the honest primary verifies the access that was hidden.
 */
class AccessLogLyingHeadEndToEndTest {
    private static final String PASS = "Tulip-Orbit-42!";
    /** The access log head's state key prefix (StateKey.ACCESS_LOG_HEAD), as hex in abci_query's data. */
    private static final String HEAD_KEY = "07";

    private enum Lie { NONE, OLD_VALUE_NEW_PROOF, REPLAY_OLD_ANSWER }

    @TempDir
    Path dir;

    private Path walletDir;
    private final Map<String, String> env = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private Run cli(String... args) {
        return WalletCli.run(walletDir, env, args);
    }

    @Test
    void aPrimaryLyingAboutTheHeadIsCaughtNamedAndTheLastVerifiedLogKept() throws Exception {
        walletDir = dir.resolve("wallet");
        env.putAll(Map.of("HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
                "HEALTHWALLET_PASSPHRASE", PASS));
        assertThat(cli("init").code()).isZero();
        Path jorge = SharedTestData.fhir("synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json");
        assertThat(cli("import", jorge.toString()).code()).isZero();

        Path devnet = new AppConfig(walletDir, new KdfParams(256, 1, 1)).devnetDir();
        AtomicReference<Lie> lie = new AtomicReference<>(Lie.NONE);
        List<byte[]> headAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger lies = new AtomicInteger();
        HttpServer proxy = null;
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(devnet))) {
            proxy = headLyingProxy(net.config().primary(), lie, headAnswers, lies);
            String primary = "http://127.0.0.1:" + proxy.getAddress().getPort();
            Path viaProxy = dir.resolve("proxied-consortium.json");
            Files.writeString(viaProxy, Files.readString(net.configFile()).replace(net.config().primary().toString(), primary));
            String consortium = viaProxy.toString();

            Run created = cli("share", "create", "--categories", "allergies", "--label", "Allergies");
            assertThat(created.code()).as(created.err()).isZero();
            String link = WalletCli.line(created.out(), "Link:");
            open(link, "Dr. Ada Osei");
            Run one = cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(one.code()).as(one.err()).isZero();
            assertThat(recipients(one)).containsExactly("Dr. Ada Osei");
            byte[] oneEntryAnswer = headAnswers.get(headAnswers.size() - 1);
            open(link, "Dr. Ben Ruiz");
            Run two = cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(two.code()).as(two.err()).isZero();
            assertThat(recipients(two)).containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
            headAnswers.clear();
            headAnswers.add(oneEntryAnswer);

            // The third access is what the lying primary hides.
            open(link, "Dr. Chen Li");

            // 1. The head of the one-entry log with the current proof: the proof does not match the verified header.
            lie.set(Lie.OLD_VALUE_NEW_PROOF);
            Run forged = cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(lies.get()).as("the proxy lied").isPositive();
            assertThat(forged.code()).isEqualTo(1);
            assertThat(forged.err()).contains("Access log not verified").contains("The access log's head could not be verified")
                    .contains("The ledger node " + primary).contains("the proof it sent does not match block")
                    .contains("whose header the light client verified").contains("HealthWallet did not use it");
            assertUnverifiedWithTheLastVerifiedLog(forged);

            // 2. The whole proven answer from when the log had one entry, replayed: older than what the wallet verified.
            lie.set(Lie.REPLAY_OLD_ANSWER);
            lies.set(0);
            Run replayed = cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(lies.get()).as("the proxy replayed").isPositive();
            assertThat(replayed.code()).isEqualTo(1);
            assertThat(replayed.err()).contains("Access log not verified").contains("the ledger node " + primary)
                    .contains("is proven only by block").contains("older than block")
                    .contains("replaying an old answer to hide newer accesses");
            assertUnverifiedWithTheLastVerifiedLog(replayed);

            // 3. The primary serves a conflicting chain that every validator signed: only a witness can tell.
            lie.set(Lie.NONE);
            net.network().node(0).misbehave(Misbehaviour.allValidators(net.network().height() + 1));
            Run forked = cli("access-log", "--format", "json", "--consortium", consortium);
            assertThat(forked.code()).isEqualTo(1);
            assertThat(forked.err()).contains("Access log not verified").contains("The light client refused block")
                    .contains("The ledger node " + primary + "/ and the witness ").contains("show different blocks")
                    .contains("This is an attack on the light client");
            assertThat(net.config().witnesses()).anySatisfy(w -> assertThat(forked.err()).contains("witness " + w));
            assertUnverifiedWithTheLastVerifiedLog(forked);
            net.network().node(0).behave();

            // Through the honest primary (not the caught one), the hidden access is verified.
            Run honest = cli("access-log", "--format", "json");
            assertThat(honest.code()).as(honest.err()).isZero();
            JsonNode after = json.readTree(honest.out());
            assertThat(after.path("status").asText()).isEqualTo("verified");
            assertThat(after.path("new").asInt()).isEqualTo(1);
            assertThat(recipients(honest)).containsExactly("Dr. Chen Li", "Dr. Ben Ruiz", "Dr. Ada Osei");
        } finally {
            if (proxy != null) proxy.stop(0);
        }
    }

    private void open(String link, String recipient) {
        Run opened = cli("open-link", link, "--recipient", recipient, "--out",
                dir.resolve(recipient.replaceAll("\\W", "") + ".json").toString());
        assertThat(opened.code()).as(opened.err()).isZero();
    }

    private List<String> recipients(Run run) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        json.readTree(run.out()).path("accesses").forEach(a -> names.add(a.path("recipient").asText()));
        return names;
    }

    private void assertUnverifiedWithTheLastVerifiedLog(Run run) throws IOException {
        JsonNode out = json.readTree(run.out());
        assertThat(out.path("status").asText()).isEqualTo("unverified");
        assertThat(recipients(run)).containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");
    }

    /**
     * Forwards everything to {@code primary}, keeping every access log head answer it passes on;
     * when told to lie, answers head queries with the oldest kept head's value under the current
     * proof, or with the oldest kept answer as it was.
     */
    private HttpServer headLyingProxy(URI primary, AtomicReference<Lie> lie, List<byte[]> headAnswers, AtomicInteger lies)
            throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange ex) -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                String base = primary.toString().replaceAll("/$", "");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ex.getRequestURI()));
                request = "POST".equals(ex.getRequestMethod())
                        ? request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        : request.GET();
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] out = answer.body();
                JsonNode call = body.length > 0 ? json.readTree(body) : json.createObjectNode();
                if ("abci_query".equals(call.path("method").asText())
                        && call.path("params").path("data").asText().startsWith(HEAD_KEY)) {
                    Lie now = lie.get();
                    if (now == Lie.NONE) {
                        headAnswers.add(out);
                    } else if (now == Lie.REPLAY_OLD_ANSWER) {
                        out = headAnswers.get(0);
                        lies.incrementAndGet();
                    } else {
                        ObjectNode reply = (ObjectNode) json.readTree(out);
                        ObjectNode response = (ObjectNode) reply.path("result").path("response");
                        String old = json.readTree(headAnswers.get(0)).path("result").path("response").path("value").asText();
                        response.put("value", old);
                        out = json.writeValueAsBytes(reply);
                        lies.incrementAndGet();
                    }
                }
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(answer.statusCode(), out.length);
                ex.getResponseBody().write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }
}
