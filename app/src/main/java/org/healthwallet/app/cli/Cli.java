package org.healthwallet.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.healthwallet.app.AppConfig;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.vault.VaultException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The command line: parses, runs one use case, and turns every outcome into an exit code. */
public final class Cli {
    public static final int EXIT_OK = 0;
    /** The use case failed for a reason the user can read (wrong passphrase, missing file). */
    public static final int EXIT_FAILED = 1;
    /** The command was not understood. */
    public static final int EXIT_USAGE = 2;
    /**
     * Nothing was done because the person must decide first (a file of another person's records:
     * a dependent's profile, or the same person after all); the options are on stderr.
     */
    public static final int EXIT_NEEDS_DECISION = 3;
    /** A bug: the stack trace is in the log file, never on screen. */
    public static final int EXIT_UNEXPECTED = 70;

    private final CommandLine commandLine;
    private final HealthWalletCommand root;

    /**
     * @param env where secrets and configuration come from
     * @param console the terminal for typed secrets, or {@code null}
     * @param openApp opens the desktop app (when no subcommand is given)
     */
    public Cli(Map<String, String> env, Console console, PrintWriter out, PrintWriter err, Consumer<AppConfig> openApp) {
        this(env, console, out, err, openApp, Subcommands.all());
    }

    /** With a given set of subcommands (the tests add one that fails the way a bug does). */
    Cli(Map<String, String> env, Console console, PrintWriter out, PrintWriter err, Consumer<AppConfig> openApp,
        List<Class<?>> subcommands) {
        this.root = new HealthWalletCommand(env, console, openApp);
        this.commandLine = new CommandLine(root);
        for (Class<?> sub : subcommands) {
            commandLine.addSubcommand(sub);
        }
        withHelp(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(this::usageError);
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(ex, cmd));
    }

    /** Every command, however deep, answers {@code --help} (and {@code --version}). */
    private static void withHelp(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getSubcommands().values().forEach(Cli::withHelp);
    }

    public int execute(String... args) {
        return commandLine.execute(args);
    }

    private int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String reason = ex instanceof UnmatchedArgumentException unmatched ? unknown(unmatched) : oneLine(ex.getMessage());
        cmd.getErr().println(reason + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    private int failure(Exception ex, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof VaultException || ex instanceof CliFailure || ex instanceof FhirReadException
                || ex instanceof org.healthwallet.core.family.FamilyException
                || ex instanceof org.healthwallet.core.share.ShareException) {
            err.println(oneLine(ex.getMessage()));
            err.flush();
            return EXIT_FAILED;
        }
        ErrorLog log;
        try {
            log = new ErrorLog(root.config().logFile());
        } catch (CliFailure unreadableConfig) {
            log = ErrorLog.inTemporaryFolder(Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name"));
        }
        Path written = log.record("command " + cmd.getCommandSpec().qualifiedName(), ex);
        err.println("Unexpected error: " + ErrorLog.shortDescription(ex) + "; details in "
                + (written == null ? "no log (the log file could not be written)" : written));
        err.flush();
        return EXIT_UNEXPECTED;
    }

    /**
     * Names the unknown options without repeating their values: a person who typed
     * {@code --passphrase SECRET} must not see the secret echoed into a terminal log.
     */
    private static String unknown(UnmatchedArgumentException ex) {
        List<String> options = ex.getUnmatched().stream().filter(a -> a.startsWith("-"))
                .map(a -> a.split("=", 2)[0]).distinct().toList();
        if (options.isEmpty()) {
            return "Unexpected argument" + (ex.getUnmatched().size() == 1 ? "" : "s") + " after the command";
        }
        String said = (options.size() == 1 ? "Unknown option " : "Unknown options ") + String.join(", ", options);
        if (options.stream().anyMatch(o -> o.contains("passphrase") || o.contains("phrase") || o.contains("password"))) {
            said += "; secrets are read from a file or an environment variable, never from an argument";
        }
        return said;
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "Failed.";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
