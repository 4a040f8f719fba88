package org.healthwallet.app;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.healthwallet.app.cli.Cli;
import org.healthwallet.app.cli.CliFailure;
import org.healthwallet.app.ui.HealthWalletApp;

/**
 * The one launcher: no arguments opens the desktop app; arguments run the command line
 * ({@code healthwallet --help}). {@code --wallet DIR} alone opens the app on that folder.
 *
 * <p>This class does not extend {@code Application}, so the app starts from a plain classpath
 * without the JavaFX module path.
 */
public final class Main {
    private Main() {}

    /**
     * Opens the desktop app and returns when it closes: 0, or 1 when there is no screen to open a
     * window on (the command line still works there).
     */
    static int openApp(AppConfig config) {
        // JavaFX warns when it is loaded from the classpath; that is how this launcher runs it on purpose.
        Logger platform = Logger.getLogger("javafx");
        platform.setLevel(Level.SEVERE);
        try {
            HealthWalletApp.open(config);
            return 0;
        } catch (RuntimeException e) {
            // Typically no display (a server, an SSH session): one line, not JavaFX's stack trace.
            System.err.println("HealthWallet cannot open its window here (" + ErrorLog.shortDescription(e)
                    + "). The command line works without a screen: healthwallet --help");
            return Cli.EXIT_FAILED;
        } finally {
            java.lang.ref.Reference.reachabilityFence(platform);
        }
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            AppConfig config;
            try {
                config = AppConfig.from(System.getenv(), null);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(Cli.EXIT_FAILED);
                return;
            }
            System.exit(openApp(config));
            return;
        }
        Charset terminal = System.console() != null ? System.console().charset() : java.nio.charset.StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, terminal), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, terminal), true);
        int code = new Cli(System.getenv(), System.console(), out, err, config -> {
            if (openApp(config) != 0) {
                throw new CliFailure("The app closed without opening its window.");
            }
        }).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
