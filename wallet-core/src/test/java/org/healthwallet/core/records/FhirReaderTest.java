package org.healthwallet.core.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading generated files: each format, each kind of bad entry, progress and cancelling. */
class FhirReaderTest {
    @TempDir
    Path dir;

    private final FhirReader reader = new FhirReader();

    static String observation(String id, String date) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\",\"display\":\"Hemoglobin\"}]},"
                + "\"effectiveDateTime\":\"" + date + "\",\"valueQuantity\":{\"value\":13.50,\"unit\":\"g/dL\"}}";
    }

    static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String resource) {
        return "{\"resource\":" + resource + "}";
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private ParsedSource readOne(Path file) throws FhirReadException {
        List<ParsedSource> sources = reader.read(file, ImportProgress.NONE);
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    @Test
    void ndjsonSkipsOnlyTheBrokenLine() throws Exception {
        Path file = write("export.ndjson", observation("a", "2020-01-02") + "\n"
                + "\n"
                + "{\"resourceType\":\"Observation\",\"id\":\"b\",\n"
                + observation("c", "2021-05") + "\n");

        ParsedSource source = readOne(file);

        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("a", "c");
        assertThat(source.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.position()).isEqualTo("line 3");
            assertThat(skipped.source()).isEqualTo("export.ndjson");
            assertThat(skipped.reason()).startsWith("this line is not valid JSON");
        });
    }

    /**
     * Found by reading FhirReaderFuzzTest's paths: a number whose exponent is past what can be
     * written back exactly (1e10000) made the whole read fail with an UncheckedIOException.
     */
    @Test
    void aNumberTooLargeToKeepSkipsOnlyItsEntry() throws Exception {
        String huge = "{\"resourceType\":\"Observation\",\"id\":\"h\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"valueQuantity\":{\"value\":1e10000}}";
        ParsedSource source = readOne(write("huge.json", bundle("collection", entry(observation("a", "2020")), entry(huge))));

        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("a");
        assertThat(source.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.position()).isEqualTo("entry 2");
            assertThat(skipped.reason()).contains("number");
        });
    }

    /** A number past BigDecimal's exponent range (1e99999999225600) escaped Jackson as a NumberFormatException. */
    @Test
    void aNumberBeyondAnyDecimalIsReportedNotThrown() throws Exception {
        String beyond = "{\"resourceType\":\"Observation\",\"id\":\"b\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"valueQuantity\":{\"value\":1e99999999225600}}";
        ParsedSource lines = readOne(write("beyond.ndjson", observation("a", "2020") + "\n" + beyond + "\n"));
        assertThat(lines.resources()).extracting(FhirResource::id).containsExactly("a");
        assertThat(lines.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.position()).isEqualTo("line 2");
            assertThat(skipped.reason()).contains("number");
        });

        Path single = write("beyond.json", beyond);
        assertThatThrownBy(() -> readOne(single)).isInstanceOf(FhirReadException.class)
                .hasMessageContaining("beyond.json").hasMessageContaining("number");
    }

    @Test
    void trailingWordsAfterTheObjectMakeAnNdjsonLineBroken() throws Exception {
        ParsedSource source = readOne(write("t.ndjson", observation("a", "2020") + " trailing\r\n" + observation("b", "2020") + "\r\n"));
        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("b");
        assertThat(source.skipped()).extracting(Skipped::position).containsExactly("line 1");
    }

    @Test
    void ndjsonInAFileNamedJsonIsRecognisedByItsContent() throws Exception {
        Path file = write("export.json", observation("a", "2020") + "\n" + observation("b", "2020") + "\n");
        assertThat(readOne(file).resources()).extracting(FhirResource::id).containsExactly("a", "b");
    }

    @Test
    void aByteOrderMarkIsNoObstacle() throws Exception {
        Path lines = write("bom-lines.json", "\uFEFF" + observation("a", "2020") + "\n" + observation("b", "2020") + "\n");
        Path single = write("bom-single.json", "\uFEFF" + observation("c", "2020"));
        assertThat(readOne(lines).resources()).extracting(FhirResource::id).containsExactly("a", "b");
        assertThat(readOne(single).resources()).extracting(FhirResource::id).containsExactly("c");
    }

    @Test
    void aFolderWithMixedFilesReadsEveryFhirFileRecursively() throws Exception {
        write("in/a-bundle.json", bundle("collection", entry(observation("b1", "2020-01-01"))));
        write("in/b-lines.jsonl", observation("n1", "2020") + "\n" + observation("n2", "2021") + "\n");
        write("in/sub/c-single.json", observation("s1", "2019-12-31T23:59:59Z"));
        write("in/sub/d-export.NDJSON", observation("n3", "2022-02-28"));
        write("in/notes.txt", "not FHIR");
        write("in/.hidden.json", "{broken");
        write("in/e-package.json", "{\"name\":\"not-fhir\"}");

        List<ParsedSource> sources = reader.read(dir.resolve("in"), ImportProgress.NONE);

        assertThat(sources).extracting(ParsedSource::sourceLabel).containsExactly(
                "in/a-bundle.json", "in/b-lines.jsonl", "in/e-package.json", "in/sub/c-single.json",
                "in/sub/d-export.NDJSON");
        assertThat(sources.stream().flatMap(s -> s.resources().stream()).map(FhirResource::id))
                .containsExactly("b1", "n1", "n2", "s1", "n3");
        assertThat(sources.get(2).skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.position()).isEqualTo("whole file");
            assertThat(skipped.reason()).contains("no resourceType");
        });
    }

    @Test
    void aFolderWithoutFhirFilesIsAClearError() throws Exception {
        write("empty/readme.txt", "nothing");
        assertThatThrownBy(() -> reader.read(dir.resolve("empty"), ImportProgress.NONE))
                .isInstanceOf(FhirReadException.class).hasMessageContaining("holds no .json, .ndjson or .jsonl files");
        assertThatThrownBy(() -> reader.read(dir.resolve("missing"), ImportProgress.NONE))
                .isInstanceOf(FhirReadException.class).hasMessageContaining("There is no file or folder");
    }

    @Test
    void aSingleResourceIsOneRecordWithoutFullUrl() throws Exception {
        ParsedSource source = readOne(write("patient.json", "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"p1\",\n"
                + "  \"name\": [{\"family\": \"Chen\", \"given\": [\"Mei\"]}],\n  \"birthDate\": \"1980-02-29\"\n}\n"));
        assertThat(source.skipped()).isEmpty();
        assertThat(source.resources()).singleElement().isEqualTo(new FhirResource("Patient", "p1", null,
                "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Chen\",\"given\":[\"Mei\"]}],"
                        + "\"birthDate\":\"1980-02-29\"}"));
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() throws Exception {
        Path file = write("broken.json", "{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [\n    {\"resource\": {\"resourceType\": \"Patient\",}}\n  ]\n}\n");
        assertThatThrownBy(() -> reader.read(file, ImportProgress.NONE))
                .isInstanceOf(FhirReadException.class)
                .hasMessageStartingWith("The file broken.json is not valid JSON at line 4, column")
                .hasMessageNotContaining("\tat ");
    }

    @Test
    void aTruncatedFileIsNotValidJson() throws Exception {
        String whole = bundle("collection", entry(observation("a", "2020")), entry(observation("b", "2020")));
        Path file = write("cut.json", whole.substring(0, whole.length() - 30));
        assertThatThrownBy(() -> reader.read(file, ImportProgress.NONE))
                .isInstanceOf(FhirReadException.class).hasMessageContaining("cut.json is not valid JSON at line 1");
    }

    @Test
    void eachKindOfBadEntryIsSkippedWithItsPositionAndTheRestIsKept() throws Exception {
        String outcome = "{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\","
                + "\"code\":\"processing\",\"diagnostics\":\"Results limited to 50 records\"}]},\"search\":{\"mode\":\"outcome\"}}";
        Path file = write("search.json", bundle("searchset",
                "{\"fullUrl\":\"https://ehr.example/fhir/Observation/ok1\",\"resource\":" + observation("ok1", "2020-02-29")
                        + ",\"search\":{\"mode\":\"match\"}}",
                entry("{\"resourceType\":\"Observaton\",\"id\":\"typo\"}"),
                entry(observation("feb30", "2021-02-30")),
                entry(observation("month13", "2021-13")),
                entry(observation("notz", "2021-01-01T10:00:00")),
                entry("{\"resourceType\":\"Condition\",\"id\":\"narr\",\"text\":{\"status\":\"generated\","
                        + "\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p>unclosed</div>\"}}"),
                entry("{\"resourceType\":\"Condition\",\"id\":\"span\",\"text\":{\"status\":\"generated\","
                        + "\"div\":\"<span>not a div</span>\"}}"),
                outcome,
                "{\"request\":{\"method\":\"DELETE\",\"url\":\"Patient/9\"}}",
                entry("{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"inner\",\"contained\":[{\"resourceType\":"
                        + "\"Coverage\",\"id\":\"cov\",\"period\":{\"start\":\"IGNORED_FIELD\"}}]}"),
                entry(observation("ok2", "2024"))));

        ParsedSource source = readOne(file);

        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("ok1", "ok2");
        assertThat(source.resources().get(0).fullUrl()).isEqualTo("https://ehr.example/fhir/Observation/ok1");
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        source.skipped().forEach(s -> reasons.put(s.position(), s.reason()));
        assertThat(reasons).containsOnlyKeys("entry 2", "entry 3", "entry 4", "entry 5", "entry 6", "entry 7",
                "entry 8", "entry 9", "entry 10");
        assertThat(reasons.get("entry 2")).isEqualTo("\"Observaton\" is not a FHIR R4 resource type");
        assertThat(reasons.get("entry 3")).isEqualTo("effectiveDateTime is not a valid date/time: \"2021-02-30\"");
        assertThat(reasons.get("entry 4")).contains("effectiveDateTime").contains("2021-13");
        assertThat(reasons.get("entry 5")).contains("2021-01-01T10:00:00");
        assertThat(reasons.get("entry 6")).startsWith("its narrative (text.div) is not well-formed XHTML");
        assertThat(reasons.get("entry 7")).contains("must be a <div>");
        assertThat(reasons.get("entry 8")).contains("Results limited to 50 records");
        assertThat(reasons.get("entry 9")).contains("no resource").contains("DELETE").contains("Patient/9");
        assertThat(reasons.get("entry 10")).isEqualTo("contained[0].period.start is not a valid date/time: \"IGNORED_FIELD\"");
        assertThat(source.skipped()).filteredOn(s -> s.position().equals("entry 8"))
                .extracting(Skipped::resourceType).containsExactly("OperationOutcome");
    }

    @Test
    void wellFormedNarrativeWithHtmlEntitiesIsAccepted() throws Exception {
        ParsedSource source = readOne(write("c.json", "{\"resourceType\":\"Condition\",\"id\":\"c\",\"text\":{"
                + "\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">A&nbsp;&amp;&#160;B"
                + "<br/><table><tr><td>x</td></tr></table></div>\"}}"));
        assertThat(source.skipped()).isEmpty();
    }

    @Test
    void aNarrativeWithADoctypeIsRefusedWithoutExpandingIt() throws Exception {
        ParsedSource source = readOne(write("xxe.json", "{\"resourceType\":\"Condition\",\"id\":\"c\",\"text\":{"
                + "\"status\":\"generated\",\"div\":\"<!DOCTYPE div [<!ENTITY x SYSTEM \\\"file:///etc/passwd\\\">]>"
                + "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">&x;</div>\"}}"));
        assertThat(source.resources()).isEmpty();
        assertThat(source.skipped()).singleElement().extracting(Skipped::reason).asString()
                .contains("DOCTYPE").doesNotContain("root:");
        ParsedSource lower = readOne(write("xxe2.json", "{\"resourceType\":\"Condition\",\"text\":{\"div\":"
                + "\"<!doctype div><div>x<!-- a comment is fine --></div>\"}}"));
        assertThat(lower.skipped()).singleElement().extracting(Skipped::reason).asString().contains("declares a DOCTYPE");
    }

    @Test
    void anEntryWithoutResourceInATransactionResponseSaysWhatItHad() throws Exception {
        ParsedSource source = readOne(write("resp.json", bundle("transaction-response",
                "{\"response\":{\"status\":\"201 Created\",\"location\":\"Patient/1/_history/1\"}}")));
        assertThat(source.skipped()).singleElement().extracting(Skipped::reason).asString()
                .contains("no resource").contains("201 Created");
    }

    @Test
    void everyBundleTypeIsOpened() throws Exception {
        for (String type : List.of("collection", "transaction", "batch", "searchset", "document", "message",
                "history", "transaction-response", "batch-response")) {
            ParsedSource source = readOne(write(type + ".json", bundle(type, entry(observation("o-" + type, "2020")))));
            assertThat(source.resources()).as(type).extracting(FhirResource::id).containsExactly("o-" + type);
        }
    }

    @Test
    void aBundleWhoseResourceTypeComesLastIsStillABundle() throws Exception {
        ParsedSource source = readOne(write("late.json", "{\"type\":\"collection\",\"entry\":[" + entry(observation("x", "2020"))
                + "],\"resourceType\":\"Bundle\"}"));
        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("x");
    }

    @Test
    void decimalsKeepTheirPrecisionAndTextItsCharacters() throws Exception {
        ParsedSource source = readOne(write("o.json", "{\"resourceType\":\"Observation\",\"id\":\"d\",\"status\":\"final\","
                + "\"code\":{\"text\":\"Gr\\u00f6\\u00dfe \\\"quoted\\\"\"},\"valueQuantity\":{\"value\":1.50,\"unit\":\"m\"},"
                + "\"component\":[{\"code\":{\"text\":\"x\"},\"valueQuantity\":{\"value\":100}},"
                + "{\"code\":{\"text\":\"y\"},\"valueQuantity\":{\"value\":0.000012345678901234567890}}]}"));
        String json = source.resources().get(0).json();
        assertThat(json).contains("\"value\":1.50,").contains("\"value\":100}")
                .contains("0.000012345678901234567890").contains("Größe \\\"quoted\\\"");
    }

    @Test
    void aStreamIsReadLikeAFileAndLeftOpenForItsOwner() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(bundle("collection", entry(observation("s", "2020"))).getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        ParsedSource source = reader.read(in, "download", ImportProgress.NONE);
        assertThat(source.sourceLabel()).isEqualTo("download");
        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("s");
        assertThat(closed).isFalse();
    }

    @Test
    void progressIsReportedInBytesUpToTheTotal() throws Exception {
        String[] entries = new String[300];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entry(observation("o" + i, "2020-01-01"));
        }
        Path file = write("big.json", bundle("collection", entries));
        long size = Files.size(file);
        List<long[]> updates = new ArrayList<>();
        ImportProgress progress = new ImportProgress() {
            @Override public void update(String phase, long done, long total) {
                assertThat(phase).isEqualTo("reading");
                updates.add(new long[] {done, total});
            }
            @Override public boolean isCancelled() { return false; }
        };

        reader.read(file, progress);

        assertThat(updates.size()).isGreaterThan(3);
        assertThat(updates).allSatisfy(u -> assertThat(u[1]).isEqualTo(size));
        assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(size);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
    }

    @Test
    void cancellingStopsBetweenEntries() throws Exception {
        String[] entries = new String[200];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entry(observation("o" + i, "2020"));
        }
        Path file = write("cancel.json", bundle("collection", entries));
        int[] checks = {0};
        ImportProgress cancelAfterTen = new ImportProgress() {
            @Override public void update(String phase, long done, long total) {}
            @Override public boolean isCancelled() { return ++checks[0] > 10; }
        };
        assertThatThrownBy(() -> reader.read(file, cancelAfterTen)).isInstanceOf(ReadCancelledException.class)
                .hasMessage("The import was cancelled.");
        assertThat(checks[0]).isEqualTo(11);
    }

    @Test
    void jsonThatIsNotAResourceIsSkippedAsAWholeFile() throws Exception {
        ParsedSource array = readOne(write("list.json", "[1,2,3]"));
        assertThat(array.skipped()).singleElement().extracting(Skipped::reason).asString().contains("not a FHIR resource");
        ParsedSource empty = readOne(write("empty.json", "  "));
        assertThat(empty.skipped()).singleElement().extracting(Skipped::reason).isEqualTo("the file is empty");
    }

    @Test
    void twoJsonValuesInAJsonFileAskForNdjson() throws Exception {
        Path file = write("two.json", "{\n\"resourceType\":\"Patient\"\n}\n{\n\"resourceType\":\"Patient\"\n}\n");
        assertThatThrownBy(() -> reader.read(file, ImportProgress.NONE)).isInstanceOf(FhirReadException.class)
                .hasMessageContaining("more than one JSON value").hasMessageContaining(".ndjson");
    }

    @Test
    void aBundleOnAnNdjsonLineIsOpenedWithLineAndEntryPositions() throws Exception {
        Path file = write("b.ndjson", bundle("collection", entry(observation("a", "2020")),
                entry(observation("bad", "2020-02-31"))) + "\n");
        ParsedSource source = readOne(file);
        assertThat(source.resources()).extracting(FhirResource::id).containsExactly("a");
        assertThat(source.skipped()).extracting(Skipped::position).containsExactly("line 1, entry 2");
    }
}
