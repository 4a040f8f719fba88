package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The MAC of a stored ledger row: bound to the key, the row's kind, its key and its content. */
class RowSealTest {
    private static final byte[] KEY = new byte[RowSeal.KEY_BYTES];
    private static final byte[] OTHER_KEY = new byte[RowSeal.KEY_BYTES];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    @Test
    void aRowMatchesItsOwnSealAndNoOther() {
        RowSeal seal = RowSeal.of(KEY);
        byte[] mac = seal.of("ledger header", "12", "{\"h\":12}");
        assertThat(mac).hasSize(RowSeal.BYTES);
        assertThat(seal.matches(mac, "ledger header", "12", "{\"h\":12}")).isTrue();
        assertThat(seal.matches(mac, "ledger header", "13", "{\"h\":12}")).as("moved to another height").isFalse();
        assertThat(seal.matches(mac, "ledger note", "12", "{\"h\":12}")).as("another kind of row").isFalse();
        assertThat(seal.matches(mac, "ledger header", "12", "{\"h\":13}")).as("edited content").isFalse();
        assertThat(seal.matches(null, "ledger header", "12", "{\"h\":12}")).as("a row without a seal").isFalse();
        assertThat(RowSeal.of(OTHER_KEY).matches(mac, "ledger header", "12", "{\"h\":12}")).as("another wallet's key").isFalse();
    }

    @Test
    void partsAreLengthPrefixedSoShiftingABoundaryChangesTheSeal() {
        RowSeal seal = RowSeal.of(KEY);
        assertThat(seal.of("note", "ab", "c")).isNotEqualTo(seal.of("note", "a", "bc"));
    }

    @Test
    void theKeyIsCopiedAndMustHave32Bytes() {
        byte[] key = KEY.clone();
        RowSeal seal = RowSeal.of(key);
        byte[] mac = seal.of("k", "r", "c");
        Arrays.fill(key, (byte) 0);
        assertThat(seal.of("k", "r", "c")).as("the caller wiping its key changes nothing").isEqualTo(mac);
        assertThatThrownBy(() -> RowSeal.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
