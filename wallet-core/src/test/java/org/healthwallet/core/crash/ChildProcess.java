package org.healthwallet.core.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separate JVM that writes to a wallet until it is killed with {@code kill -9}
 * ({@link Process#destroyForcibly()}), and the lines it printed on stdout. The crash tests start one,
 * let it work, kill it at a random moment, and compare the wallet with what it reported committed.
 * Children start cheaply (client compiler only, class-data sharing, a small heap) because a test
 * starts fifty of them. Secrets go through the environment, never the command line.
 */
public final class ChildProcess implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed
            }
            queue.add(END);
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with this test JVM's class path; its stderr goes to a file in {@code dir}. */
    public static ChildProcess start(Class<?> main, Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "child", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        return new ChildProcess(builder.start(), stderr);
    }

    /** Waits (up to {@code within}) for a line {@code wanted} accepts; every line read is kept. */
    public String awaitLine(Predicate<String> wanted, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = queue.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals(END)) {
                queue.add(END);
                throw new AssertionError("the child ended by itself: " + Files.readString(stderr));
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("the child printed no expected line within " + within + "; stderr: " + Files.readString(stderr));
    }

    /** kill -9, then every line it printed before it died. */
    public List<String> kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed child did not end");
        }
        for (String line = queue.poll(10, TimeUnit.SECONDS); line != null && !line.equals(END);
             line = queue.poll(10, TimeUnit.SECONDS)) {
            seen.add(line);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** The seed of a kill loop: {@code -Dcrash.seed=N} replays a failed run, otherwise a new one. */
    public static long seed(String test) {
        String given = System.getProperty("crash.seed");
        long seed = given != null ? Long.parseLong(given) : System.nanoTime();
        System.out.println(test + ": seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        return seed;
    }

    /** SQLite's own check of the file's structure, with a connection of the test's own: "ok" when sound. */
    public static String integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            return String.join("; ", problems);
        }
    }
}
