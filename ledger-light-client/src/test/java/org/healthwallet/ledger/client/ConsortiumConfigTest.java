package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsortiumConfigTest {
    private static final String HASH = "F30A71F2" + "00".repeat(26) + "8D56";
    private static final Checkpoint CHECKPOINT = new Checkpoint("healthwallet-devnet", 12, Bytes.fromHex(HASH));

    @TempDir
    Path dir;

    private static ConsortiumConfig parse(String json) throws ConsortiumConfigException {
        return ConsortiumConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String valid(String primary, String witnesses, String relay) {
        return "{\"format\":1,\"chain_id\":\"healthwallet-devnet\",\"checkpoint\":{\"height\":\"12\",\"hash\":\"" + HASH + "\"},"
                + "\"primary\":" + primary + ",\"witnesses\":" + witnesses + ",\"relay\":" + relay + "}";
    }

    @Test
    void writesAndReadsTheSameConfiguration() throws Exception {
        ConsortiumConfig config = new ConsortiumConfig(CHECKPOINT, URI.create("http://127.0.0.1:26657"),
                List.of(URI.create("http://127.0.0.1:26667"), URI.create("https://witness.example.org")), Optional.empty());
        Path file = dir.resolve("sub/consortium.json");
        config.write(file);
        assertThat(ConsortiumConfig.read(file)).isEqualTo(config);
        String text = Files.readString(file);
        assertThat(text).contains("\"height\" : \"12\"").contains("\"relay\" : null");

        ConsortiumConfig withRelay = config.withRelay(URI.create("https://relay.example.org"));
        withRelay.write(file);
        assertThat(ConsortiumConfig.read(file).relay()).contains(URI.create("https://relay.example.org"));
        assertThat(ConsortiumConfig.read(file).chainId()).isEqualTo("healthwallet-devnet");
    }

    @Test
    void acceptsAHandWrittenFile() throws Exception {
        ConsortiumConfig config = parse(valid("\"http://node-a:26657\"", "[\"http://node-b:26657\"]", "\"https://relay\""));
        assertThat(config.checkpoint()).isEqualTo(CHECKPOINT);
        assertThat(config.witnesses()).containsExactly(URI.create("http://node-b:26657"));
        assertThat(config.relay()).contains(URI.create("https://relay"));
    }

    @Test
    void refusesBadFilesWithAReason() {
        assertThatThrownBy(() -> parse("{\"format\":1e99999999225600}")).isInstanceOf(ConsortiumConfigException.class)
                .hasMessageContaining("number");
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(ConsortiumConfigException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "[]", "null").replace("\"format\":1", "\"format\":2")))
                .hasMessageContaining("\"format\" must be 1");
        assertThatThrownBy(() -> parse(valid("\"ftp://a:1\"", "[]", "null")))
                .hasMessageContaining("must be an http:// or https:// address");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "[\"http://a:1\"]", "null")))
                .hasMessageContaining("is the primary itself");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "[]", "null").replace(HASH, "ABCD")))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "[]", "null").replace("\"12\"", "\"twelve\"")))
                .hasMessageContaining("checkpoint.height");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "[]", "null").replace("\"12\"", "\"0\"")))
                .hasMessageContaining("starts at 1");
        assertThatThrownBy(() -> parse(valid("\"http://a:1\"", "{}", "null"))).hasMessageContaining("\"witnesses\" must be an array");
        assertThatThrownBy(() -> parse("{\"format\":1}")).hasMessageContaining("\"chain_id\" is missing");
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path missing = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> ConsortiumConfig.read(missing)).isInstanceOf(ConsortiumConfigException.class)
                .hasMessageContaining("nowhere.json");
    }
}
