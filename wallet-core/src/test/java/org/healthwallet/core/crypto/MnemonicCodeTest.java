package org.healthwallet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MnemonicCodeTest {

    /** Entropy -> mnemonic vectors from the BIP-39 reference implementation (trezor/python-mnemonic vectors.json). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank yellow",
        "80808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
        "ffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
        "7dce4ed2284c9134d026608ab684c05c|lava include region explain simple omit dog slot melt reflect copy reward",
        "0ce452419635c1a5faf44d60f2029f73fdc43419b4de1f03|artefact card motor cluster foster spray type meadow genius mosquito pond tree sword borrow grocery orange business burger",
        "0000000000000000000000000000000000000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title",
        "8080808080808080808080808080808080808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote",
        "00ac97c48106f0aeb8ba061e0250a559b3251dc35854e694780ba51d53a50120|absent gorilla van acoustic humor firm title dolphin bulk barely citizen recall crane moment aspect appear track phrase actual enforce steel spoon afraid benefit",
        "3edc83b60740d77af3afa2fcb82c2f1bc541ee4e2518ddef4996d32453f54a3c|disagree tomato unique attend aspect runway solid violin witness scrap armed daring favorite warm decade perfect target kid grant play early wide cigar night",
        "89bb4bc5555992cdaf3444c5e7ca5a6e9f27efab894f1990bae41be8b2a26ea4|meadow surge vanish primary odor grocery rubber mass shine dinner notable tag venue water purchase clarify book magic ribbon daughter menu eye ritual orchard",
        "911fec0fbd88029f6fa99164896c18d898c9232af18bdcca3e42d53b86493104|much youth advance kitchen lens exile salt cram goose enter alert raise milk muscle profit cousin system faint mouse price reveal cause series long",
    })
    void encodesOfficialVectorsAndDecodesThemBack(String entropyHex, String mnemonic) throws Exception {
        byte[] entropy = HexFormat.of().parseHex(entropyHex);

        assertThat(String.join(" ", MnemonicCode.toWords(entropy))).isEqualTo(mnemonic);
        assertThat(MnemonicCode.toEntropy(List.of(mnemonic.split(" ")))).isEqualTo(entropy);
    }

    @Test
    void wordListIsTheOfficialEnglishList() {
        List<String> words = MnemonicCode.englishWords();

        assertThat(words).hasSize(2048).startsWith("abandon", "ability").endsWith("zone", "zoo");
        assertThat(words).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSwappedPairOfWordsFailsTheChecksum() {
        List<String> words = new ArrayList<>(List.of(("legal winner thank year wave sausage worth useful legal winner thank year"
                + " wave sausage worth useful legal winner thank year wave sausage worth title").split(" ")));
        String first = words.get(2);
        words.set(2, words.get(3));
        words.set(3, first);

        assertThatThrownBy(() -> MnemonicCode.toEntropy(words))
                .isInstanceOf(InvalidMnemonicException.class)
                .hasMessageContaining("does not check out");
    }

    @Test
    void anUnknownWordIsNamedWithItsPosition() {
        List<String> words = new ArrayList<>(List.of("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about".split(" ")));
        words.set(4, "abandn");

        assertThatThrownBy(() -> MnemonicCode.toEntropy(words))
                .isInstanceOf(InvalidMnemonicException.class)
                .hasMessage("Word 5 (\"abandn\") is not a word of the recovery phrase list.");
    }

    @Test
    void acceptsFourLetterPrefixesAndAnyCase() throws Exception {
        byte[] entropy = MnemonicCode.toEntropy(List.of("LEGA", "winn", "Than", "year", "wave", "saus", "wort", "usef",
                "legal", "winner", "thank", "yell"));

        assertThat(HexFormat.of().formatHex(entropy)).isEqualTo("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f");
    }

    @Test
    void refusesAWrongWordCount() {
        assertThatThrownBy(() -> MnemonicCode.toEntropy(List.of("abandon", "about")))
                .isInstanceOf(InvalidMnemonicException.class)
                .hasMessageContaining("this one has 2");
    }
}
