package org.healthwallet.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.healthwallet.core.ledger.LedgerStatus;
import org.healthwallet.core.ledger.LedgerWarning;
import org.healthwallet.core.ledger.SyncOutcome;

/** The ledger status as readable lines, one fact per line, labels aligned (stable for scripts to grep). */
final class StatusText {
    private StatusText() {}

    static void print(LedgerStatus s, String consortium, PrintWriter out) {
        line(out, "Chain", s.chainId());
        line(out, "Consortium", consortium);
        if (s.latest().isPresent()) {
            LedgerStatus.VerifiedHeight h = s.latest().get();
            line(out, "Verified height", h.height() + " (block time " + h.time() + ")");
            line(out, "Header hash", h.headerHash().hex());
            line(out, "App hash", h.appHash().length() == 0 ? "-" : h.appHash().hex());
        } else {
            line(out, "Verified height", "none yet (run 'healthwallet ledger sync')");
        }
        line(out, "Trust expires", s.trustExpiresAt().map(Object::toString).orElse("-"));
        long total = s.totalVotingPower();
        line(out, "Validators", s.validators().size() + ", total voting power " + total);
        for (LedgerStatus.ValidatorPower v : s.validators()) {
            double share = total == 0 ? 0 : 100.0 * v.votingPower() / total;
            out.printf(Locale.ROOT, "  %s  power %d (%.1f%%)%n", v.address(), v.votingPower(), share);
        }
        line(out, "Primary", s.primary());
        line(out, "Witnesses", s.witnesses().isEmpty() ? "none" : String.join(", ", s.witnesses()));
        line(out, "Last synced", s.lastSuccess().map(Object::toString).orElse("never"));
        if (s.lastOutcome() != SyncOutcome.NEVER && s.lastOutcome() != SyncOutcome.SYNCED) {
            line(out, "Last attempt", s.lastAttempt().map(Object::toString).orElse("-") + " ("
                    + s.lastOutcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        if (s.lastOutcome() != SyncOutcome.NEVER) {
            line(out, "Result", Cli.oneLine(s.lastMessage()));
        }
        if (s.warnings().isEmpty()) {
            line(out, "Warnings", "none");
        } else {
            line(out, "Warnings", Integer.toString(s.warnings().size()));
            for (LedgerWarning w : s.warnings()) {
                out.println("  ! " + Cli.oneLine(w.describe()));
            }
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("%-18s%s%n", label + ":", value);
    }
}
