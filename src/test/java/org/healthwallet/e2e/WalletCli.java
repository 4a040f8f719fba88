package org.healthwallet.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.healthwallet.app.cli.Cli;

/** The command line run in-process, as a script runs it, on one wallet folder and environment. */
final class WalletCli {
    private WalletCli() {}

    record Run(int code, String out, String err) {}

    static Run run(Path walletDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--wallet", walletDir.toString()));
        argv.addAll(List.of(args));
        int code = new Cli(Map.copyOf(env), null, new PrintWriter(out), new PrintWriter(err),
                c -> { throw new AssertionError("the app must not open"); }).execute(argv.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** The rest of the first output line that starts with {@code prefix}, e.g. "Link:". */
    static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in:\n" + output));
    }
}
