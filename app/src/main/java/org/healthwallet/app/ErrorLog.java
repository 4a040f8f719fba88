package org.healthwallet.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The engineer's record of unexpected failures: where the code broke, never what the patient's
 * data said. Exception messages are left out on purpose, because parsers and drivers quote the
 * input they choked on, and that input is health data.
 */
public final class ErrorLog {
    private static final long MAX_BYTES = 1_000_000; // one rotation keeps the folder small

    private final Path file;

    public ErrorLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the failure (exception types and stack frames, causes included) and returns the
     * file, or {@code null} when even the log could not be written.
     */
    public Path record(String context, Throwable failure) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(Instant.now() + " " + context);
        Throwable t = failure;
        String prefix = "";
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            out.println(prefix + t.getClass().getName());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.println("\tat " + frame);
            }
            prefix = "Caused by: ";
        }
        out.println();
        out.flush();
        try {
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    /** A one-line name for a failure the user can repeat to a helper: the type, and a short message. */
    public static String shortDescription(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return name;
        }
        String line = message.lines().findFirst().orElse("").strip();
        if (line.length() > 120) {
            line = line.substring(0, 117) + "...";
        }
        return name + ": " + line;
    }
}
