package org.healthwallet.node.abci;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code cometbft} v0.38 binary the integration tests run: on PATH, in Go's bin folder,
 * or built with {@code go install} at the pinned version when missing. Fails with a message that
 * names what is missing.
 */
final class CometBftBinary {
    static final String VERSION = "v0.38.25";
    static final String MODULE = "github.com/cometbft/cometbft/cmd/cometbft@" + VERSION;

    private CometBftBinary() {
    }

    static Path locateOrBuild() {
        Optional<Path> found = candidates().stream().filter(CometBftBinary::isV038).findFirst();
        if (found.isPresent()) return found.get();
        Optional<Path> go = onPath("go");
        if (go.isEmpty()) {
            throw new IllegalStateException("cometbft " + VERSION + " is not installed and Go is not on PATH to build it. "
                    + "Install Go 1.22 or newer (then the tests run `go install " + MODULE + "`), "
                    + "or put a cometbft 0.38.x binary on PATH.");
        }
        Run install = run(List.of(go.get().toString(), "install", MODULE), 20);
        if (install.exit() != 0) {
            throw new IllegalStateException("`go install " + MODULE + "` failed (exit " + install.exit() + "); it needs Go 1.22 "
                    + "or newer and access to the Go module proxy. Last output:\n" + install.tail());
        }
        return candidates().stream().filter(CometBftBinary::isV038).findFirst().orElseThrow(() -> new IllegalStateException(
                "`go install " + MODULE + "` succeeded but no cometbft binary was found in $(go env GOPATH)/bin."));
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        onPath("cometbft").ifPresent(out::add);
        onPath("go").ifPresent(go -> {
            Run gopath = run(List.of(go.toString(), "env", "GOBIN", "GOPATH"), 1);
            String[] lines = gopath.output().strip().split("\n");
            if (lines.length >= 1 && !lines[0].isBlank()) out.add(Path.of(lines[0].strip(), "cometbft"));
            if (lines.length >= 2 && !lines[1].isBlank()) out.add(Path.of(lines[1].strip().split(File.pathSeparator)[0], "bin", "cometbft"));
        });
        out.add(Path.of(System.getProperty("user.home"), "go", "bin", "cometbft"));
        return out.stream().filter(Files::isExecutable).distinct().toList();
    }

    private static boolean isV038(Path binary) {
        Run version = run(List.of(binary.toString(), "version"), 1);
        return version.exit() == 0 && version.output().strip().startsWith("0.38.");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    record Run(int exit, String output) {
        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
        }
    }

    static Run run(List<String> command, int timeoutMinutes) {
        try {
            Path log = Files.createTempFile("cometbft-tool", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + timeoutMinutes + " min: " + String.join(" ", command));
                }
                return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
