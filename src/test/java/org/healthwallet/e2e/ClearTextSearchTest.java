package org.healthwallet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.healthwallet.e2e.ClearTextSearch.Hit;
import org.healthwallet.e2e.ClearTextSearch.Place;
import org.junit.jupiter.api.Test;

/** The privacy scan's search finds a name however it is written down, and nothing in bytes without it. */
class ClearTextSearchTest {
    private static final String NAME = "Zephyrine";
    private final ClearTextSearch search = new ClearTextSearch(List.of(NAME, "tacrolimus"));

    private List<String> encodingsFoundIn(byte[] bytes) {
        return search.in(new Place("test", bytes)).stream().filter(h -> h.word().equals(NAME)).map(Hit::encoding).toList();
    }

    @Test
    void findsTheNameInEachEncodingIgnoringCase() {
        String text = "{\"recipient\":\"Dr. ZEPHYRINE Quillfeather\"}";
        assertThat(encodingsFoundIn(text.getBytes(StandardCharsets.UTF_8))).contains("UTF-8");
        assertThat(encodingsFoundIn(text.getBytes(StandardCharsets.UTF_16LE))).contains("UTF-16LE");
        assertThat(encodingsFoundIn(text.getBytes(StandardCharsets.UTF_16BE))).contains("UTF-16BE");
        assertThat(encodingsFoundIn(HexFormat.of().withUpperCase().formatHex("Dr. Zephyrine".getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII))).contains("hex of UTF-8");
    }

    @Test
    void findsTheNameInBase64AtEveryAlignment() {
        for (String before : List.of("", "a", "ab", "abc")) {
            byte[] text = (before + "Dr. Zephyrine Quillfeather").getBytes(StandardCharsets.UTF_8);
            assertThat(encodingsFoundIn(Base64.getEncoder().encode(text))).as("after %d bytes", before.length())
                    .contains("base64 of UTF-8");
            assertThat(encodingsFoundIn(Base64.getUrlEncoder().withoutPadding().encode(text))).as("after %d bytes", before.length())
                    .contains("base64url of UTF-8");
        }
    }

    @Test
    void namesThePlaceAndShowsWhatIsAround() {
        List<Hit> hits = search.in(Place.text("file relay.db", "…recipient Dr. Zephyrine Q…"));
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.where()).isEqualTo("file relay.db");
            assertThat(h.toString()).contains("file relay.db").contains("\"Zephyrine\" (UTF-8)").contains("Dr. Zephyrine Q");
        });
    }

    @Test
    void findsNothingWhereTheWordsAreNot() {
        byte[] noise = new byte[2_000_000];
        new Random(11).nextBytes(noise);
        assertThat(search.in(new Place("noise", noise))).isEmpty();
        assertThat(search.in(Place.text("other names", "Dr. Zephyr Quill, tacrolimu, ZEPHYRIN"))).isEmpty();
    }
}
