package org.healthwallet.app.cli;

import java.util.List;

/**
 * Every subcommand of {@code healthwallet}, in the order {@code --help} lists them. A feature adds
 * its command here (later: ledger, node, share, access-log) and nowhere else.
 */
final class Subcommands {
    private Subcommands() {}

    static List<Class<?>> all() {
        return List.of(
                InitCommand.class,
                ImportCommand.class,
                RecordsCommand.class,
                ExportCommand.class,
                PassphraseCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                LedgerCommand.class,
                NodeCommand.class,
                ShareCommand.class,
                OpenLinkCommand.class,
                AccessLogCommand.class,
                DependentCommand.class,
                CaregiverCommand.class,
                TakeOverCommand.class);
    }
}
