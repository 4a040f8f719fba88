package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryPhraseTest {
    private static final String PHRASE = "absent gorilla van acoustic humor firm title dolphin bulk barely citizen recall"
            + " crane moment aspect appear track phrase actual enforce steel spoon afraid benefit";

    @Test
    void parsesWhatAPersonTypes() throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.parse("\n  " + PHRASE.toUpperCase().replace(" ", "   ") + "\t");

        assertThat(phrase.text()).isEqualTo(PHRASE);
        assertThat(phrase.words()).hasSize(24).startsWith("absent", "gorilla");
    }

    @Test
    void itsStringNeverShowsTheWordsNorDoesARecordHoldingIt() throws Exception {
        RecoveryPhrase phrase = RecoveryPhrase.parse(PHRASE);
        record Holder(String label, RecoveryPhrase recovery) {}

        for (String shown : List.of(phrase.toString(), "created: " + phrase, String.valueOf(phrase),
                new Holder("new wallet", phrase).toString())) {
            assertThat(shown).contains("redacted");
            for (String word : PHRASE.split(" ")) {
                assertThat(shown).doesNotContainPattern("\\b" + word + "\\b");
            }
        }
    }

    @Test
    void theRootSecretRoundTrips() {
        byte[] root = java.util.HexFormat.of().parseHex("00ac97c48106f0aeb8ba061e0250a559b3251dc35854e694780ba51d53a50120");

        RecoveryPhrase phrase = RecoveryPhrase.ofRootSecret(root);

        assertThat(phrase.text()).isEqualTo(PHRASE);
        assertThat(phrase.rootSecret()).isEqualTo(root);
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> RecoveryPhrase.parse("abandon abandon about"))
                .isInstanceOf(InvalidRecoveryPhraseException.class)
                .hasMessage("A HealthWallet recovery phrase has 24 words; this one has 3.");
        assertThatThrownBy(() -> RecoveryPhrase.parse(""))
                .hasMessage("A HealthWallet recovery phrase has 24 words; this one has 0.");
        assertThatThrownBy(() -> RecoveryPhrase.parse(PHRASE.replace("dolphin", "dolfin")))
                .isInstanceOf(InvalidRecoveryPhraseException.class)
                .hasMessage("Word 8 (\"dolfin\") is not a word of the recovery phrase list.");
        List<String> swapped = new ArrayList<>(List.of(PHRASE.split(" ")));
        swapped.set(0, "gorilla");
        swapped.set(1, "absent");
        assertThatThrownBy(() -> RecoveryPhrase.parse(String.join(" ", swapped)))
                .isInstanceOf(InvalidRecoveryPhraseException.class)
                .hasMessageContaining("a word is wrong or two are swapped");
    }

    @Test
    void theConstructorRefusesAnInvalidPhrase() {
        assertThatThrownBy(() -> new RecoveryPhrase(List.of("abandon"))).isInstanceOf(IllegalArgumentException.class);
    }
}
