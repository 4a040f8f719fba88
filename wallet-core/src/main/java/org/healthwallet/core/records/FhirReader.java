package org.healthwallet.core.records;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads FHIR R4 files as providers export them: Bundles of any type, NDJSON (one resource a line),
 * single resources, and folders of such files (recursively: .json, .ndjson, .jsonl).
 *
 * <p>Bundles are read entry by entry from a streaming parser, so a large export is never held
 * twice. Every entry is checked on its own ({@link ResourceCheck}): a bad one is reported as
 * {@link Skipped} with its position ({@code entry 12}, counted from 1; {@code line 40}) and the rest
 * is read. A file that is not JSON at all fails as a whole with a {@link FhirReadException} naming
 * the file, line and column; in NDJSON only the broken line is skipped.
 *
 * <p>Progress is reported in phase {@code "reading"}, in bytes ({@code total} is -1 for a stream of
 * unknown length), and cancellation is checked between entries. Holds no state between calls, so
 * one reader may serve several threads.
 */
public final class FhirReader {
    static final String PHASE = "reading";
    private static final String WHOLE_FILE = "whole file";
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int PROGRESS_EVERY = 64;

    /**
     * Reads a file, or every .json/.ndjson/.jsonl file under a folder (hidden files excluded), in
     * path order. Each file becomes one {@link ParsedSource}, labelled by its name (inside a
     * folder: the folder's name and the path below it).
     */
    public List<ParsedSource> read(Path path, ImportProgress progress) throws FhirReadException {
        if (Files.isDirectory(path)) {
            return readFolder(path, progress);
        }
        if (!Files.isRegularFile(path)) {
            throw new FhirReadException("There is no file or folder at " + path + ".");
        }
        String label = String.valueOf(path.getFileName());
        Tracker tracker = new Tracker(progress, size(path, label));
        return List.of(readFile(path, label, tracker));
    }

    /**
     * Reads one stream (a download, a dropped file): a Bundle, NDJSON or a single resource, told
     * apart by the label's extension (.ndjson, .jsonl) or else by the content.
     */
    public ParsedSource read(InputStream in, String sourceLabel, ImportProgress progress) throws FhirReadException {
        Tracker tracker = new Tracker(progress, -1);
        try {
            return readStream(in, sourceLabel, tracker);
        } catch (IOException e) {
            throw unreadable(sourceLabel, e);
        }
    }

    private List<ParsedSource> readFolder(Path folder, ImportProgress progress) throws FhirReadException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(FhirReader::isFhirFileName).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new FhirReadException("Could not list the folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new FhirReadException("The folder " + folder + " holds no .json, .ndjson or .jsonl files.");
        }
        long total = 0;
        for (Path file : files) {
            total += size(file, file.toString());
        }
        Tracker tracker = new Tracker(progress, total);
        String folderName = folder.getFileName() == null ? "" : folder.getFileName() + "/";
        List<ParsedSource> sources = new ArrayList<>(files.size());
        for (Path file : files) {
            String label = folderName + folder.relativize(file).toString().replace('\\', '/');
            sources.add(readFile(file, label, tracker));
        }
        return sources;
    }

    private static boolean isFhirFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".json") || isNdjsonName(name));
    }

    private static boolean isNdjsonName(String label) {
        String name = label.toLowerCase(Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    private ParsedSource readFile(Path file, String label, Tracker tracker) throws FhirReadException {
        try (InputStream in = Files.newInputStream(file)) {
            ParsedSource source = readStream(in, label, tracker);
            tracker.fileDone(size(file, label));
            return source;
        } catch (NoSuchFileException e) {
            throw new FhirReadException("The file " + label + " is gone: it was moved or deleted while reading.", e);
        } catch (IOException e) {
            throw unreadable(label, e);
        }
    }

    private ParsedSource readStream(InputStream raw, String label, Tracker tracker)
            throws IOException, FhirReadException {
        CountingInputStream counted = new CountingInputStream(raw);
        tracker.startFile(counted);
        BufferedInputStream in = new BufferedInputStream(counted, SNIFF_BYTES);
        Collector collector = new Collector(label, tracker);
        if (isNdjsonName(label) || looksLikeNdjson(in)) {
            readNdjson(in, collector);
        } else {
            readJson(in, collector);
        }
        tracker.report();
        return collector.toSource();
    }

    /** True when the first line is a whole JSON object and another object follows it. */
    private static boolean looksLikeNdjson(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES + 1);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int start = head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        int newline = start;
        while (newline < head.length && head[newline] != '\n') {
            newline++;
        }
        int next = newline;
        while (next < head.length && Character.isWhitespace(head[next])) {
            next++;
        }
        if (newline >= head.length || next >= head.length || head[start] != '{' || head[next] != '{') {
            return false;
        }
        try {
            return FhirJson.MAPPER.readTree(head, start, newline - start).isObject();
        } catch (JsonProcessingException | NumberFormatException e) {
            return false;
        }
    }

    private void readNdjson(InputStream in, Collector collector) throws IOException, FhirReadException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            collector.checkCancelled();
            String position = "line " + number;
            JsonNode node;
            try {
                node = FhirJson.WHOLE_VALUE.readTree(line);
            } catch (JsonProcessingException e) {
                JsonLocation where = e.getLocation();
                collector.skip(position, null, "this line is not valid JSON: " + e.getOriginalMessage()
                        + (where == null ? "" : " (column " + where.getColumnNr() + ")"));
                continue;
            } catch (NumberFormatException e) {
                // Jackson's way of refusing a decimal like 1e99999999225600.
                collector.skip(position, null, "this line holds a number beyond the range of a decimal");
                continue;
            }
            collector.topLevel(node, position, position + ", ");
        }
    }

    private void readJson(InputStream in, Collector collector) throws IOException, FhirReadException {
        try (JsonParser parser = FhirJson.MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                collector.skip(WHOLE_FILE, null, "the file is empty");
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                readObject(parser, collector);
            } else {
                parser.skipChildren();
                collector.skip(WHOLE_FILE, null, "this is JSON, but not a FHIR resource or Bundle");
            }
            if (parser.nextToken() != null) {
                JsonLocation where = parser.currentTokenLocation();
                throw new FhirReadException("The file " + collector.label + " holds more than one JSON value (the next"
                        + " starts at line " + where.getLineNr() + "). If it has one resource per line, name it .ndjson.");
            }
        } catch (JsonProcessingException e) {
            throw notJson(collector.label, e);
        } catch (NumberFormatException e) {
            throw new FhirReadException("The file " + collector.label + " is not valid JSON: it holds a number beyond"
                    + " the range of a decimal.", e);
        }
    }

    /**
     * Reads the top-level object field by field. When it is a Bundle (resourceType comes first in
     * every export seen) its entries are handled one at a time as they are parsed; otherwise the
     * fields are gathered into the single resource the file holds, in their order.
     */
    private void readObject(JsonParser parser, Collector collector) throws IOException, FhirReadException {
        ObjectNode fields = FhirJson.MAPPER.createObjectNode();
        boolean bundle = false;
        int entries = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (bundle && "entry".equals(name) && token == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode entry = parser.readValueAsTree();
                    collector.checkCancelled();
                    collector.entry(entry, "entry " + ++entries);
                }
                continue;
            }
            JsonNode value = parser.readValueAsTree();
            fields.set(name, value);
            if ("resourceType".equals(name) && value.isTextual() && "Bundle".equals(value.textValue())) {
                bundle = true;
            }
        }
        collector.topLevel(fields, WHOLE_FILE, "");
    }

    private static long size(Path file, String label) throws FhirReadException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(label, e);
        }
    }

    private static FhirReadException notJson(String label, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new FhirReadException("The file " + label + " is not valid JSON" + at + ": " + e.getOriginalMessage(), e);
    }

    private static FhirReadException unreadable(String label, IOException e) {
        if (e instanceof JsonProcessingException json) {
            return notJson(label, json);
        }
        return new FhirReadException("Could not read " + label + ": " + e.getMessage(), e);
    }

    /** What one source yields, entry by entry. */
    private static final class Collector {
        private final String label;
        private final Tracker tracker;
        private final ResourceCheck check = new ResourceCheck();
        private final List<FhirResource> resources = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();

        Collector(String label, Tracker tracker) {
            this.label = label;
            this.tracker = tracker;
        }

        void checkCancelled() throws ReadCancelledException {
            if (tracker.progress.isCancelled()) {
                throw new ReadCancelledException();
            }
        }

        /**
         * A value standing on its own: a whole file or an NDJSON line. A Bundle is opened (its
         * entries positioned under {@code entryPrefix}); anything else is one resource.
         */
        void topLevel(JsonNode node, String position, String entryPrefix) throws FhirReadException {
            if (!node.isObject()) {
                skip(position, null, "this is JSON, but not a FHIR resource or Bundle");
                return;
            }
            JsonNode type = node.get("resourceType");
            if (type == null) {
                skip(position, null, "this JSON has no resourceType, so it is not a FHIR resource");
                return;
            }
            if ("Bundle".equals(type.asText())) {
                // The Bundle is only the envelope: its entries are the records. Its own fields
                // (type, links, timestamp) are not kept, so they cannot spoil an entry.
                JsonNode entries = node.path("entry");
                if (!entries.isMissingNode() && !entries.isArray()) {
                    skip(position, "Bundle", "the Bundle's entry is not a list");
                    return;
                }
                for (int i = 0; i < entries.size(); i++) {
                    checkCancelled();
                    entry(entries.get(i), entryPrefix + "entry " + (i + 1));
                }
                return;
            }
            resource(node, null, position);
        }

        void entry(JsonNode entry, String position) {
            tracker.entryDone();
            if (!entry.isObject()) {
                skip(position, null, "the entry is not a JSON object");
                return;
            }
            JsonNode resource = entry.get("resource");
            JsonNode fullUrl = entry.get("fullUrl");
            if (resource != null && resource.isObject() && isSearchOutcome(entry)) {
                skip(position, typeOf(resource), outcomeReason(resource));
                return;
            }
            if (resource == null || resource.isNull()) {
                skip(position, null, noResourceReason(entry));
                return;
            }
            resource(resource, fullUrl != null && fullUrl.isTextual() ? fullUrl.textValue() : null, position);
        }

        void resource(JsonNode resource, String fullUrl, String position) {
            String problem = check.problem(resource);
            if (problem != null) {
                skip(position, typeOf(resource), problem);
                return;
            }
            String json;
            try {
                json = FhirJson.compact(resource);
            } catch (UncheckedIOException e) {
                // Jackson writes a decimal plainly only up to an exponent of 9999 (1e10000 is refused).
                skip(position, typeOf(resource), "it holds a number too large or too small to keep exactly");
                return;
            }
            JsonNode id = resource.get("id");
            resources.add(new FhirResource(resource.get("resourceType").textValue(),
                    id != null && id.isValueNode() ? id.asText() : null, fullUrl, json));
        }

        void skip(String position, String resourceType, String reason) {
            skipped.add(new Skipped(label, position, resourceType, reason));
        }

        ParsedSource toSource() {
            return new ParsedSource(label, resources, skipped);
        }

        private static boolean isSearchOutcome(JsonNode entry) {
            JsonNode search = entry.get("search");
            return search != null && "outcome".equals(search.path("mode").asText(null));
        }

        private static String typeOf(JsonNode resource) {
            JsonNode type = resource.get("resourceType");
            return type != null && type.isTextual() ? type.textValue() : null;
        }

        /** A search's outcome is the server talking about the search, not a record of the patient's. */
        private static String outcomeReason(JsonNode outcome) {
            List<String> said = new ArrayList<>();
            for (JsonNode issue : outcome.path("issue")) {
                String text = issue.path("diagnostics").asText("");
                if (text.isBlank()) {
                    text = issue.path("details").path("text").asText("");
                }
                if (!text.isBlank()) {
                    said.add(text.strip());
                }
            }
            return said.isEmpty()
                    ? "a note from the server about its search (an OperationOutcome), not a health record"
                    : "the server's note about its search, not a health record: " + String.join("; ", said);
        }

        private static String noResourceReason(JsonNode entry) {
            JsonNode request = entry.get("request");
            if (request != null && request.has("method")) {
                return "the entry has no resource, only a " + request.path("method").asText() + " request for "
                        + request.path("url").asText("?");
            }
            JsonNode response = entry.get("response");
            if (response != null && response.has("status")) {
                return "the entry has no resource, only the server's response \"" + response.path("status").asText()
                        + "\"";
            }
            return "the entry has no resource";
        }
    }

    /** Progress in bytes across the files of one read, reported every few entries. */
    private static final class Tracker {
        private final ImportProgress progress;
        private final long total;
        private long finishedBytes;
        private CountingInputStream current;
        private int sinceReport;

        Tracker(ImportProgress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        void startFile(CountingInputStream in) {
            current = in;
        }

        void entryDone() {
            if (++sinceReport >= PROGRESS_EVERY) {
                report();
            }
        }

        void fileDone(long size) {
            finishedBytes += size;
            current = null;
            report();
        }

        void report() {
            sinceReport = 0;
            long done = finishedBytes + (current == null ? 0 : current.count());
            progress.update(PHASE, total < 0 ? done : Math.min(done, total), total);
        }
    }
}
