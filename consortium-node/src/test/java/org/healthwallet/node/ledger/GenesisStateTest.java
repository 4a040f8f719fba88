package org.healthwallet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.state.RelayRecord;
import org.junit.jupiter.api.Test;

class GenesisStateTest {
    private static GenesisState parse(String json) {
        return GenesisState.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyAppStateIsALedgerWithoutOperatorsOrRelays() {
        assertThat(GenesisState.parse(new byte[0]).operators().operators()).isEmpty();
        assertThat(parse("null").relays()).isEmpty();
        assertThat(parse("{}").relays()).isEmpty();
    }

    @Test
    void itsJsonFormReadsBack() {
        GenesisState genesis = new GenesisState(new OperatorSet(List.of(TestChain.key("a").publicKey(), TestChain.key("b").publicKey())),
                List.of(new RelayRecord(TestChain.key("r").publicKey(), "https://relay.example", 0)));
        assertThat(parse(genesis.toJson())).isEqualTo(genesis);
    }

    @Test
    void mistakesAreNamedByTheirPlace() {
        assertThatThrownBy(() -> parse("{not json")).hasMessageStartingWith("The genesis app_state is not JSON");
        assertThatThrownBy(() -> parse("[]")).hasMessage("The genesis app_state must be a JSON object.");
        assertThatThrownBy(() -> parse("{\"operators\":[\"abc\"]}"))
                .hasMessage("app_state.operators[0] must be a 64-digit hex Ed25519 key.");
        String key = TestChain.key("a").publicKey().hex();
        assertThatThrownBy(() -> parse("{\"operators\":[\"" + key + "\",\"" + key + "\"]}")).hasMessage("app_state.operators lists a key twice.");
        assertThatThrownBy(() -> parse("{\"relays\":[{\"key\":\"" + key + "\",\"url\":\"ftp://x\"}]}"))
                .hasMessage("app_state.relays[0].url must be an absolute http(s) URL with a host.");
    }
}
