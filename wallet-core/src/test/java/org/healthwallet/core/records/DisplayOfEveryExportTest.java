package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of record in every real export gets a readable line and detail (the longer display test). */
class DisplayOfEveryExportTest {
    private static final TextRenderer ENGLISH = TextRenderer.english();

    @Test
    void everyKindOfRecordOfEveryExportHasAReadableSummaryAndDetail() throws Exception {
        for (Path file : SharedTestData.allBundles()) {
            List<StoredRecord> stored = SharedTestData.stored(file);
            RecordIndex fileIndex = RecordIndex.of(stored);
            Map<String, Integer> perType = new HashMap<>();
            for (StoredRecord record : stored) {
                if (perType.merge(record.resource().resourceType(), 1, Integer::sum) > 25) {
                    continue;   // 25 of each type per file is every shape these exports have
                }
                RecordSummary summary = RecordSummary.of(record, fileIndex);
                String line = ENGLISH.render(summary.title()) + " " + ENGLISH.line(summary.details());
                assertThat(ENGLISH.render(summary.title())).as(file + " " + record.resource().id()).isNotBlank();
                assertThat(line).doesNotContain("null").doesNotContain("{0}");
                for (RecordDetail.Row row : RecordDetail.of(record, fileIndex).rows()) {
                    assertThat(ENGLISH.render(row.label())).isNotBlank();
                    assertThat(ENGLISH.render(row.value())).doesNotContain("{0}");
                }
            }
        }
    }
}
