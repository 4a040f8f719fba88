package org.healthwallet.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caregiver's copy: records as kept, and a refresh that reads only the entries the copy lacks. */
class CopyBundleTest {
    @TempDir
    Path dir;

    @Test
    void theCopyCarriesEveryRecordAsKeptAndARefreshReadsOnlyWhatIsNew() throws Exception {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:p\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"1943-08-17\"}},"
                + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":{\"text\":\"Weight\"}}},"
                + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o2\",\"status\":\"final\",\"code\":{\"text\":\"Height\"}}}]}";
        try (Vault dad = Vault.create(dir.resolve("dad.hwvault"), "p".toCharArray(), new KdfParams(64, 1, 1)).vault()) {
            dad.importRecords(List.of(new FhirReader().read(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)),
                    "dad.json", ImportProgress.NONE)), ImportProgress.NONE);
            byte[] copy = CopyBundle.of(dad.index()).bytes();
            List<FhirResource> read = new FhirReader().read(new ByteArrayInputStream(copy), "copy.json", ImportProgress.NONE)
                    .resources();
            Set<String> original = dad.records().stream().map(r -> r.resource().contentHash()).collect(Collectors.toSet());
            assertThat(read).extracting(FhirResource::contentHash).containsExactlyInAnyOrderElementsOf(original);
            assertThat(read).extracting(FhirResource::fullUrl).contains("urn:uuid:p");

            String weight = dad.records().stream().filter(r -> r.resource().json().contains("Weight")).findFirst().orElseThrow()
                    .resource().contentHash();
            Set<String> heldByCopy = original.stream().filter(h -> !h.equals(weight)).collect(Collectors.toSet());
            byte[] unknown = CopyBundle.unknownEntries(copy, heldByCopy).orElseThrow();
            List<FhirResource> fresh = new FhirReader().read(new ByteArrayInputStream(unknown), "new.json", ImportProgress.NONE)
                    .resources();
            assertThat(fresh).extracting(FhirResource::contentHash).containsExactly(weight);
            assertThat(CopyBundle.unknownEntries(copy, original)).as("nothing new").isEmpty();
            // An entry without an id (another writer's Bundle) is always read.
            assertThat(CopyBundle.unknownEntries(bundle.getBytes(StandardCharsets.UTF_8), original)).isPresent();
        }
    }
}
