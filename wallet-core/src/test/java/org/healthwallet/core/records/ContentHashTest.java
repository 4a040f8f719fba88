package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The content hash recognises one record however an export wrote it, and nothing else. */
class ContentHashTest {
    private static FhirResource resource(String json) {
        return new FhirResource("Observation", "o1", null, json);
    }

    @Test
    void canonicalFormSortsKeysDropsWhitespaceAndKeepsArrayOrder() throws Exception {
        assertThat(CanonicalJson.text("{ \"b\": [3, 1, {\"z\": 1, \"a\": \"\\u00e9\"}], \"a\": 1.50 }"))
                .isEqualTo("{\"a\":1.50,\"b\":[3,1,{\"a\":\"é\",\"z\":1}]}");
        assertThat(CanonicalJson.text("{\"resourceType\":\"X\",\"meta\":{\"versionId\":\"1\",\"tag\":[]},"
                + "\"t\":\"a\\\"b\\\\c\\n\\u0001\\/\",\"n\":null,\"f\":false,\"e\":-1.0E+2}"))
                .isEqualTo("{\"e\":-1.0E+2,\"f\":false,\"meta\":{\"tag\":[]},\"n\":null,\"resourceType\":\"X\","
                        + "\"t\":\"a\\\"b\\\\c\\n\\u0001/\"}");
    }

    @Test
    void sameRecordWrittenDifferentlyHashesTheSame() {
        String one = "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":{\"text\":\"Caf\\u00e9\"},"
                + "\"meta\":{\"versionId\":\"3\",\"lastUpdated\":\"2024-01-01T00:00:00Z\",\"tag\":[{\"code\":\"x\"}]}}";
        String two = "{\n  \"meta\": {\"tag\": [{\"code\": \"x\"}], \"lastUpdated\": \"2025-06-30T12:00:00+02:00\", \"source\": \"#abc\"},\n"
                + "  \"status\": \"final\", \"code\": {\"text\": \"Café\"}, \"id\": \"o1\", \"resourceType\": \"Observation\"\n}";
        assertThat(resource(one).contentHash()).isEqualTo(resource(two).contentHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void aMetaWithOnlyServerBookkeepingIsTheSameAsNoMeta() {
        assertThat(resource("{\"id\":\"o1\",\"meta\":{\"lastUpdated\":\"2024-01-01T00:00:00Z\"}}").contentHash())
                .isEqualTo(resource("{\"id\":\"o1\"}").contentHash());
    }

    @Test
    void anyDifferenceInContentChangesTheHash() {
        String base = resource("{\"id\":\"o1\",\"v\":[1,2],\"n\":1.5,\"meta\":{\"tag\":[{\"code\":\"x\"}]}}").contentHash();
        assertThat(List.of(
                resource("{\"id\":\"o2\",\"v\":[1,2],\"n\":1.5,\"meta\":{\"tag\":[{\"code\":\"x\"}]}}").contentHash(),
                resource("{\"id\":\"o1\",\"v\":[2,1],\"n\":1.5,\"meta\":{\"tag\":[{\"code\":\"x\"}]}}").contentHash(),
                resource("{\"id\":\"o1\",\"v\":[1,2],\"n\":1.50,\"meta\":{\"tag\":[{\"code\":\"x\"}]}}").contentHash(),
                resource("{\"id\":\"o1\",\"v\":[1,2],\"n\":1.5,\"meta\":{\"tag\":[{\"code\":\"y\"}]}}").contentHash(),
                resource("{\"id\":\"o1\",\"v\":[1,2],\"n\":1.5}").contentHash()))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void textThatIsNotJsonStillHasAHash() {
        assertThat(resource("not json").contentHash()).matches("[0-9a-f]{64}")
                .isNotEqualTo(resource("not json!").contentHash());
    }

    @Test
    void theSameExportReadTwiceMergesRecordForRecord() throws Exception {
        Path file = SharedTestData.fhirFile("synthea-r4", "Luigi_Wiegand_");
        List<FhirResource> first = new FhirReader().read(file, ImportProgress.NONE).get(0).resources();
        List<FhirResource> second = new FhirReader().read(file, ImportProgress.NONE).get(0).resources();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).contentHash()).isEqualTo(second.get(i).contentHash());
            hashes.add(first.get(i).contentHash());
        }
        assertThat(hashes).hasSameSizeAs(first);
    }
}
