package org.healthwallet.node.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture the real-client checks stand on, with real Node.js and npm on a project without
 * dependencies (so nothing is downloaded): it installs from the lock file once, hands a script
 * its environment and collects what it printed, and stops a script that hangs, with whatever it
 * started.
 */
class NpmProjectTest {
    @TempDir
    Path dir;

    private NpmProject project() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("package.json"), """
                {"name": "npm-project-check", "version": "1.0.0", "private": true, "type": "module"}
                """);
        Files.writeString(source.resolve("package-lock.json"), """
                {"name": "npm-project-check", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                 "packages": {"": {"name": "npm-project-check", "version": "1.0.0"}}}
                """);
        Files.writeString(source.resolve("echo.mjs"), """
                console.log(JSON.stringify({secret: process.env.SECRET, args: process.argv.slice(2)}));
                console.error("a note on stderr");
                process.exit(Number(process.env.EXIT ?? 0));
                """);
        Files.writeString(source.resolve("hang.mjs"), """
                import { spawn } from "node:child_process";
                import { writeFileSync } from "node:fs";
                const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
                writeFileSync("hang.pids", process.pid + " " + child.pid);
                setInterval(() => {}, 1000);
                """);
        return NpmProject.install(source, dir.resolve("work"), "the fixture's own check", Map.of());
    }

    @Test
    void runsAScriptWithItsEnvironmentAndCollectsWhatItPrinted() throws Exception {
        NpmProject project = project();
        assertThat(project.dir().resolve("echo.mjs")).exists();

        NpmProject.Output ok = project.run(Duration.ofSeconds(30), Map.of("SECRET", "kept off the command line"),
                "node", "echo.mjs", "one");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.succeeded()).isEqualTo("{\"secret\":\"kept off the command line\",\"args\":[\"one\"]}");
        assertThat(ok.stderr()).contains("a note on stderr");

        NpmProject.Output failed = project.run(Duration.ofSeconds(30), Map.of("EXIT", "3"), "node", "echo.mjs");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThatThrownBy(failed::succeeded).isInstanceOf(AssertionError.class)
                .hasMessageContaining("`node echo.mjs` failed (exit 3)").hasMessageContaining("a note on stderr");
    }

    @Test
    void installsOnceForALockFile() throws Exception {
        project();
        Path marker = dir.resolve("work/node_modules/.installed-lock-sha256");
        assertThat(marker).exists();
        Files.writeString(marker, "stale\n");
        project();
        assertThat(Files.readString(marker)).as("a lock file not installed yet is installed again").isNotEqualTo("stale\n");
        long installed = Files.getLastModifiedTime(marker).toMillis();
        Thread.sleep(20);
        project();
        assertThat(Files.getLastModifiedTime(marker).toMillis()).as("the same lock file is not installed twice").isEqualTo(installed);
    }

    @Test
    void aScriptPastItsTimeoutIsStoppedWithWhatItStarted() throws Exception {
        NpmProject project = project();
        assertThatThrownBy(() -> project.run(Duration.ofSeconds(3), Map.of(), "node", "hang.mjs"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("`node hang.mjs` did not finish within 3 s and was stopped");
        String[] pids = Files.readString(project.dir().resolve("hang.pids")).split(" ");
        assertThat(pids).hasSize(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (String pid : pids) {
            while (running(Long.parseLong(pid)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running(Long.parseLong(pid))).as("process %s (the script, then the process it started) still runs", pid)
                    .isFalse();
        }
    }

    /** Whether the process runs (a killed orphan may stay a zombie until it is reaped: that does not run). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(Path.of("/proc/self/stat"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
