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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthwallet.app.AppConfig;
import org.healthwallet.e2e.WalletCli.Run;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.node.devnet.EmbeddedConsortium;
import org.healthwallet.node.devnet.EmbeddedConsortiumOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary node that alters the access log entries it serves (a loopback proxy in front of the
 * dev network's primary, rewriting {@code abci_query} answers for entry keys): {@code access-log}
 * exits non-zero with the reason, prints only the last verified log, and the next sync through an
 * honest node verifies the new entry.
 */
class AccessLogLyingNodeEndToEndTest {
    private static final String PASS = "Tulip-Orbit-42!";

    @TempDir
    Path dir;

    private Path walletDir;
    private final Map<String, String> env = new HashMap<>();


    private Run cli(String... args) {
        return WalletCli.run(walletDir, env, args);
    }

    @Test
    void alteredEntriesAreRefusedAndTheLastVerifiedLogKept() throws Exception {
        walletDir = dir.resolve("wallet");
        env.putAll(Map.of("HEALTHWALLET_KDF_MEMORY_KIB", "256", "HEALTHWALLET_KDF_ITERATIONS", "1",
                "HEALTHWALLET_PASSPHRASE", PASS));
        assertThat(cli("init").code()).isZero();
        Path jorge = SharedTestData.fhir("synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json");
        assertThat(cli("import", jorge.toString()).code()).isZero();

        Path devnet = new AppConfig(walletDir, new KdfParams(256, 1, 1)).devnetDir();
        HttpServer proxy = null;
        try (EmbeddedConsortium net = EmbeddedConsortium.start(EmbeddedConsortiumOptions.embedded(devnet))) {
            Run created = cli("share", "create", "--categories", "allergies", "--label", "Allergies");
            assertThat(created.code()).as(created.err()).isZero();
            String link = created.out().lines().filter(l -> l.startsWith("Link:")).findFirst().orElseThrow().substring(5).strip();
            assertThat(cli("open-link", link, "--recipient", "Dr. Ada Osei", "--out", dir.resolve("a.json").toString()).code()).isZero();
            assertThat(cli("open-link", link, "--recipient", "Dr. Ben Ruiz", "--out", dir.resolve("b.json").toString()).code()).isZero();
            Run good = cli("access-log", "--format", "json");
            assertThat(good.code()).as(good.err()).isZero();
            assertThat(new ObjectMapper().readTree(good.out()).path("accesses")).hasSize(2);

            assertThat(cli("open-link", link, "--recipient", "Dr. Chen Li", "--out", dir.resolve("c.json").toString()).code()).isZero();

            AtomicInteger altered = new AtomicInteger();
            proxy = alteringProxy(net.config().primary(), altered);
            Path lyingConfig = dir.resolve("lying-consortium.json");
            Files.writeString(lyingConfig, Files.readString(net.configFile()).replace(net.config().primary().toString(),
                    "http://127.0.0.1:" + proxy.getAddress().getPort()));

            Run lied = cli("access-log", "--format", "json", "--consortium", lyingConfig.toString());
            assertThat(altered.get()).as("the proxy altered an entry").isPositive();
            assertThat(lied.code()).isNotZero();
            assertThat(lied.err()).contains("Access log not verified").contains("HealthWallet did not use it");
            JsonNode json = new ObjectMapper().readTree(lied.out());
            assertThat(json.path("status").asText()).isNotEqualTo("verified");
            assertThat(json.path("accesses")).extracting(a -> a.path("recipient").asText())
                    .containsExactly("Dr. Ben Ruiz", "Dr. Ada Osei");

            Run honest = cli("access-log", "--format", "json");
            assertThat(honest.code()).as(honest.err()).isZero();
            JsonNode after = new ObjectMapper().readTree(honest.out());
            assertThat(after.path("new").asInt()).isEqualTo(1);
            assertThat(after.path("accesses")).extracting(a -> a.path("recipient").asText())
                    .containsExactly("Dr. Chen Li", "Dr. Ben Ruiz", "Dr. Ada Osei");
        } finally {
            if (proxy != null) proxy.stop(0);
        }
    }

    /** Forwards everything to {@code primary}; flips a byte of every access log entry value it answers. */
    private static HttpServer alteringProxy(URI primary, AtomicInteger altered) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
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
                if (body.length > 0) {
                    JsonNode call = json.readTree(body);
                    if ("abci_query".equals(call.path("method").asText()) && call.path("params").path("data").asText().startsWith("08")) {
                        ObjectNode reply = (ObjectNode) json.readTree(out);
                        ObjectNode response = (ObjectNode) reply.path("result").path("response");
                        byte[] value = Base64.getDecoder().decode(response.path("value").asText());
                        if (value.length > 0) {
                            value[value.length - 1] ^= 1;
                            response.put("value", Base64.getEncoder().encodeToString(value));
                            altered.incrementAndGet();
                            out = json.writeValueAsBytes(reply);
                        }
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
