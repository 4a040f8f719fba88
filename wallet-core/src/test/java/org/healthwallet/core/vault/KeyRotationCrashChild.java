package org.healthwallet.core.vault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The process {@link KeyRotationCrashTest} kills: {@code FILE} is unlocked with HW_PASS_A or
 * HW_PASS_B (whichever opens it; prints {@code open A} or {@code open B}), then, forever: keeps a
 * numbered note (prints {@code committed N} once it is saved), then rotates the key to the other
 * passphrase (prints {@code rotating} before and {@code now A} / {@code now B} after). Passphrases
 * come from the environment, never the command line.
 */
public final class KeyRotationCrashChild {
    static final String NOTE = "note";

    private KeyRotationCrashChild() {}

    /** The id of note number {@code n}, the same in every process. */
    static UUID noteId(int n) {
        return UUID.nameUUIDFromBytes(("note " + n).getBytes(StandardCharsets.US_ASCII));
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path file = Path.of(args[0]);
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
            out.println(onA ? "open A" : "open B");
            out.flush();
            for (int n = open.items(NOTE).size() + 1; ; n++) {
                open.putItem(NOTE, noteId(n), Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
                out.println("committed " + n);
                out.println("rotating");
                out.flush();
                open.changePassphrase(onA ? a : b, onA ? b : a, GeneratedRecords.CHEAP_KDF);
                onA = !onA;
                out.println(onA ? "now A" : "now B");
                out.flush();
            }
        }
    }
}
