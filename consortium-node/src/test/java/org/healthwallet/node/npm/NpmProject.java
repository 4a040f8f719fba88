package org.healthwallet.node.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A pinned npm project from the test sources (package.json, package-lock.json and its scripts),
 * installed into a folder under target/ and run with Node.js: what the tests that check us against
 * real third-party JavaScript clients share. Published in this module's test-jar for the e2e tests.
 *
 * <pre>{@code
 * NpmProject client = NpmProject.install(Path.of("src/test/js"), Path.of("target/cosmjs-check"),
 *         "the real-client check", Map.of());
 * String json = client.run(Duration.ofSeconds(90), Map.of(), "node", "cosmjs-check.mjs", url).stdout();
 * }</pre>
 */
public final class NpmProject {
    /** The oldest Node.js the pinned packages and our scripts run on. */
    public static final int NODE_MAJOR = 20;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    /** Written into node_modules after an install: the lock file it installed, so a changed lock reinstalls. */
    private static final String INSTALLED_LOCK = ".installed-lock-sha256";

    private final Path dir;
    private final String purpose;

    private NpmProject(Path dir, String purpose) {
        this.dir = dir;
        this.purpose = purpose;
    }

    /** What one run of a command printed and how it ended. */
    public record Output(List<String> command, int exitCode, String stdout, String stderr) {
        /** Standard output, stripped, when the command exited 0; otherwise an AssertionError with its error output. */
        public String succeeded() {
            if (exitCode != 0) {
                throw new AssertionError("`" + String.join(" ", command) + "` failed (exit " + exitCode + "): " + stderr.strip());
            }
            return stdout.strip();
        }
    }

    /**
     * Copies the files of {@code source} (not its node_modules) into {@code workDir} and runs
     * {@code npm ci} there from the lock file, preferring npm's cache to the registry, unless that
     * lock file is what is already installed. {@code purpose} names the check in failure messages
     * ("the /view browser check"); {@code installEnv} is added to npm's environment.
     */
    public static NpmProject install(Path source, Path workDir, String purpose, Map<String, String> installEnv)
            throws IOException, InterruptedException {
        NpmProject project = new NpmProject(workDir, purpose);
        project.requireNodeAndNpm();
        Files.createDirectories(workDir);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, workDir.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path lock = workDir.resolve("package-lock.json");
        if (!Files.exists(lock)) {
            throw new AssertionError(source + " has no package-lock.json; " + purpose + " installs only pinned packages.");
        }
        String lockHash = sha256(Files.readAllBytes(lock));
        Path marker = workDir.resolve("node_modules").resolve(INSTALLED_LOCK);
        if (Files.exists(marker) && Files.readString(marker).strip().equals(lockHash)) {
            return project;
        }
        Output installed = project.run(INSTALL_TIMEOUT, installEnv, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
        if (installed.exitCode() != 0) {
            throw new AssertionError("npm could not install " + pinned(workDir) + " (pinned in " + source.resolve("package-lock.json")
                    + ") from its cache or the npm registry; " + purpose + " needs it. " + installed.stderr().strip());
        }
        Files.createDirectories(marker.getParent()); // npm makes no node_modules for a project without dependencies
        Files.writeString(marker, lockHash + "\n");
        return project;
    }

    /** The folder the project is installed in (the commands' working folder). */
    public Path dir() {
        return dir;
    }

    /**
     * Runs {@code command} in the project's folder with {@code env} added to this process's
     * environment (secrets such as a link's key go there, never on a command line). Past
     * {@code timeout} the command and everything it started (a browser, say) are killed and an
     * AssertionError says so.
     */
    public Output run(Duration timeout, Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> argv = List.of(command);
        // Output goes to files, not pipes: nothing blocks reading while the timeout runs.
        Path out = Files.createTempFile("npm-project", ".out");
        Path err = Files.createTempFile("npm-project", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("`" + argv.get(0) + "` is not installed; " + purpose + " needs Node.js " + NODE_MAJOR
                        + " or newer with npm (" + e.getMessage() + ")");
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("`" + String.join(" ", argv) + "` did not finish within " + timeout.toSeconds()
                        + " s and was stopped; " + tail(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return new Output(argv, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void requireNodeAndNpm() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String version = run(VERSION_TIMEOUT, Map.of(), "node", "--version").succeeded();
        Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
        if (!major.find() || Integer.parseInt(major.group(1)) < NODE_MAJOR) {
            throw new AssertionError("Node.js " + version + " is too old; " + purpose + " needs Node.js " + NODE_MAJOR
                    + " or newer with npm.");
        }
        run(VERSION_TIMEOUT, Map.of(), "npm", "--version").succeeded();
    }

    /** "name version" of each dependency package.json pins, for a message. */
    private static String pinned(Path workDir) throws IOException {
        JsonNode dependencies = new ObjectMapper().readTree(workDir.resolve("package.json").toFile()).path("dependencies");
        List<String> names = new ArrayList<>();
        dependencies.fields().forEachRemaining(d -> names.add(d.getKey() + " " + d.getValue().asText()));
        return names.isEmpty() ? "the project's packages" : String.join(", ", names);
    }

    private static String tail(String err) {
        String stripped = err.strip();
        return stripped.isEmpty() ? "it wrote no error output" : "its last error output: "
                + stripped.substring(Math.max(0, stripped.length() - 2000));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
