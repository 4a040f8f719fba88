package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Any file a patient imports: {@link FhirReader#read(java.io.InputStream, String, ImportProgress)}
 * returns what it could read (with each skipped entry and its reason) or throws
 * {@link FhirReadException} with a message, nothing else; and every resource it returns can be
 * hashed and filed under a category, as an import does next. Byte 0 chooses the file name
 * (even: .json, odd: .ndjson); the rest is the file. Seeds: small Bundles, NDJSON and single
 * resources written for this test (docs/fuzzing.md).
 */
class FhirReaderFuzzTest {
    private final FhirReader reader = new FhirReader();

    @DictionaryEntries({"\"resourceType\":", "\"Bundle\"", "\"entry\":", "\"resource\":", "\"valueQuantity\":", "1e10000", "1e99999999"})
    @FuzzTest(maxDuration = "5s")
    void read(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String label = (input[0] & 1) == 0 ? "records.json" : "records.ndjson";
        ParsedSource source;
        try {
            source = reader.read(new ByteArrayInputStream(Arrays.copyOfRange(input, 1, input.length)), label,
                    ImportProgress.NONE);
        } catch (FhirReadException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        for (FhirResource resource : source.resources()) {
            assertThat(resource.contentHash()).hasSize(64);
            assertThat(Category.of(resource)).isNotNull();
        }
        for (Skipped skipped : source.skipped()) {
            assertThat(skipped.reason()).isNotBlank();
        }
    }
}
