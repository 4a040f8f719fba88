package org.healthwallet.core.vault;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.healthwallet.core.records.ImportProgress;

/**
 * The process {@link CrashSafetyTest} kills. Passphrases come from the environment, never the
 * command line. Modes:
 * <ul>
 *   <li>{@code import FILE RUN COUNT}: imports generated sources of COUNT resources, each round's
 *       content unique, forever; prints {@code saving LABEL} half way through writing a round and
 *       {@code committed LABEL} after each commit;</li>
 *   <li>{@code passphrase FILE}: flips the passphrase between HW_PASS_A and HW_PASS_B forever,
 *       printing {@code now A} / {@code now B} after each commit;</li>
 *   <li>{@code hold FILE}: unlocks, prints {@code open}, and waits to be killed.</li>
 * </ul>
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "import" -> {
                String run = args[2];
                int count = Integer.parseInt(args[3]);
                try (Vault vault = Vault.unlock(file, System.getenv("HW_PASS_A").toCharArray())) {
                    for (int round = 1; ; round++) {
                        String label = run + "-" + round;
                        ImportProgress halfway = new ImportProgress() {
                            @Override public void update(String phase, long done, long total) {
                                if (phase.equals("saving") && done == total / 2) {
                                    out.println("saving " + label);
                                    out.flush();
                                }
                            }
                            @Override public boolean isCancelled() { return false; }
                        };
                        vault.importRecords(List.of(GeneratedRecords.source(label, label, count)), halfway);
                        out.println("committed " + label);
                        out.flush();
                    }
                }
            }
            case "passphrase" -> {
                char[] a = System.getenv("HW_PASS_A").toCharArray();
                char[] b = System.getenv("HW_PASS_B").toCharArray();
                boolean onA;
                Vault vault;
                try {
                    vault = Vault.unlock(file, a);
                    onA = true;
                } catch (WrongPassphraseException e) {
                    vault = Vault.unlock(file, b);
                    onA = false;
                }
                try (Vault open = vault) {
                    while (true) {
                        open.changePassphrase(onA ? a : b, onA ? b : a, GeneratedRecords.CHEAP_KDF);
                        onA = !onA;
                        out.println(onA ? "now A" : "now B");
                        out.flush();
                    }
                }
            }
            case "hold" -> {
                try (Vault vault = Vault.unlock(file, System.getenv("HW_PASS_A").toCharArray())) {
                    out.println("open " + vault.records().size());
                    out.flush();
                    Thread.sleep(120_000);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
