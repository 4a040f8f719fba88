package org.healthwallet.core.vault;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import org.healthwallet.core.crypto.AesGcmKey;

/**
 * What the vault last saved, as an authenticated sum: per group of rows (the records, the profile's
 * own secrets, the items of each kind) the number of rows and the XOR of their {@link RowDigest}s.
 * Each row authenticates itself; this sum authenticates the SET of rows, so a row deleted from the
 * file, or a table put back to an older copy, no longer adds up. It is kept sealed under the master
 * key in the one row of {@code vault_summary}, rewritten in the same transaction as every write
 * ({@link RowWriter}), and compared with what the rows add up to at unlock. Immutable; a write
 * works on {@link Changes}.
 *
 * <p>Plaintext: format byte 1, group count, then per group (in name order) the name (4-byte length,
 * UTF-8), the row count (4 bytes) and the 32-byte sum. The associated data is the summary row's
 * version, which bumps with each write.
 */
final class RowSummary {
    static final String RECORDS = "record";
    static final String PROFILE = "profile";
    /** Secret rows of a format this version does not know (kept, and counted, as found). */
    static final String OTHER_SECRETS = "secret";
    private static final String ITEM = "item:";
    private static final byte FORMAT = 1;
    private static final byte[] AAD = "HealthWallet/summary/v1".getBytes(StandardCharsets.US_ASCII);

    /** One group's count and sum. */
    record Tally(int count, byte[] sum) {
        static final Tally NONE = new Tally(0, new byte[RowDigest.BYTES]);

        boolean sameAs(Tally other) {
            return count == other.count && Arrays.equals(sum, other.sum);
        }
    }

    private final int version;
    private final Map<String, Tally> tallies;

    private RowSummary(int version, Map<String, Tally> tallies) {
        this.version = version;
        this.tallies = Collections.unmodifiableMap(new TreeMap<>(tallies));
    }

    static RowSummary empty() {
        return new RowSummary(0, Map.of());
    }

    /** The group of the items of one kind. */
    static String items(String kind) {
        return ITEM + kind;
    }

    int version() {
        return version;
    }

    Tally tally(String group) {
        return tallies.getOrDefault(group, Tally.NONE);
    }

    Changes changes() {
        return new Changes(tallies);
    }

    byte[] seal(AesGcmKey key) {
        ByteBuffer b = ByteBuffer.allocate(5 + tallies.keySet().stream()
                .mapToInt(g -> 8 + RowDigest.BYTES + g.getBytes(StandardCharsets.UTF_8).length).sum());
        b.put(FORMAT).putInt(tallies.size());
        tallies.forEach((group, t) -> {
            byte[] name = group.getBytes(StandardCharsets.UTF_8);
            b.putInt(name.length).put(name).putInt(t.count()).put(t.sum());
        });
        return key.seal(b.array(), aad(version));
    }

    /** The summary in a {@code vault_summary} row; a row that fails its check was altered. */
    static RowSummary open(AesGcmKey key, int version, byte[] sealed) throws VaultCorruptedException {
        try {
            ByteBuffer b = ByteBuffer.wrap(key.open(sealed, aad(version)));
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown summary format");
            }
            int n = b.getInt();
            Map<String, Tally> tallies = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[b.getInt()];
                b.get(name);
                int count = b.getInt();
                byte[] sum = new byte[RowDigest.BYTES];
                b.get(sum);
                tallies.put(new String(name, StandardCharsets.UTF_8), new Tally(count, sum));
            }
            return new RowSummary(version, tallies);
        } catch (AEADBadTagException | IllegalArgumentException | BufferUnderflowException | NegativeArraySizeException e) {
            throw new VaultCorruptedException("This wallet file was altered outside HealthWallet: its summary of what it"
                    + " holds failed its integrity check. Nothing was changed; restore the wallet from your backup.");
        }
    }

    static VaultCorruptedException missing() {
        return new VaultCorruptedException("This wallet file was changed outside HealthWallet: its summary of what it"
                + " holds is missing, so records may be missing too. Nothing was changed; restore the wallet from your backup.");
    }

    /**
     * Checks that the rows {@code found} in the file add up to this summary (what the vault last
     * saved); otherwise a message saying what is missing, added back or rolled back.
     */
    void check(RowSummary found) throws VaultCorruptedException {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        TreeSet<String> groups = new TreeSet<>(tallies.keySet());
        groups.addAll(found.tallies.keySet());
        // Records first: the patient's own words for what is gone come before the features' items.
        List<String> ordered = new ArrayList<>(groups);
        if (ordered.remove(RECORDS)) {
            ordered.add(0, RECORDS);
        }
        for (String group : ordered) {
            Tally saved = tally(group);
            Tally now = found.tally(group);
            if (saved.sameAs(now)) {
                continue;
            }
            if (now.count() < saved.count()) {
                missing.add(rows(saved.count() - now.count(), group));
            } else if (now.count() > saved.count()) {
                extra.add(rows(now.count() - saved.count(), group));
            } else {
                replaced.add(words(group, 2));
            }
        }
        if (missing.isEmpty() && extra.isEmpty() && replaced.isEmpty()) {
            return;
        }
        List<String> sentences = new ArrayList<>();
        if (!missing.isEmpty()) {
            sentences.add(join(missing) + (missing.size() == 1 && missing.get(0).startsWith("1 ") ? " is" : " are") + " missing");
        }
        if (!extra.isEmpty()) {
            sentences.add(join(extra) + " that HealthWallet did not save or had removed "
                    + (extra.size() == 1 && extra.get(0).startsWith("1 ") ? "is" : "are") + " back in it");
        }
        if (!replaced.isEmpty()) {
            sentences.add("its " + join(replaced) + " are not the ones HealthWallet last saved (put back from an older"
                    + " copy of the file)");
        }
        throw new VaultCorruptedException("This wallet file was changed outside HealthWallet: " + String.join("; ", sentences)
                + ". Nothing was changed and nothing is shown as complete; restore the wallet from your backup.");
    }

    private static String rows(int n, String group) {
        return n + " " + words(group, n);
    }

    private static String words(String group, int n) {
        String one;
        String many;
        if (group.equals(RECORDS)) {
            one = "record";
            many = "records";
        } else if (group.equals(PROFILE)) {
            one = "copy of the wallet's own keys";
            many = "copies of the wallet's own keys";
        } else if (group.startsWith(ITEM)) {
            String kind = group.substring(ITEM.length());
            one = "saved item of the kind \"" + kind + "\"";
            many = "saved items of the kind \"" + kind + "\"";
        } else {
            one = "stored secret";
            many = "stored secrets";
        }
        return n == 1 ? one : many;
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static byte[] aad(int version) {
        return ByteBuffer.allocate(AAD.length + 4).put(AAD).putInt(version).array();
    }

    /**
     * The summary being changed by one transaction: rows added and removed, in place (a write of
     * 10,000 items costs 10,000 XORs, not 10,000 copies). {@link #toSummary} at the end.
     */
    static final class Changes {
        private final Map<String, int[]> counts = new TreeMap<>();
        private final Map<String, byte[]> sums = new TreeMap<>();

        private Changes(Map<String, Tally> from) {
            from.forEach((group, t) -> {
                counts.put(group, new int[] {t.count()});
                sums.put(group, t.sum().clone());
            });
        }

        void add(String group, byte[] digest) {
            change(group, digest, 1);
        }

        void remove(String group, byte[] digest) {
            change(group, digest, -1);
        }

        private void change(String group, byte[] digest, int delta) {
            counts.computeIfAbsent(group, g -> new int[1])[0] += delta;
            byte[] sum = sums.computeIfAbsent(group, g -> new byte[RowDigest.BYTES]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] ^= digest[i];
            }
        }

        /** The summary after these changes; groups left with no rows are dropped. */
        RowSummary toSummary(int version) {
            Map<String, Tally> tallies = new TreeMap<>();
            counts.forEach((group, count) -> {
                Tally t = new Tally(count[0], sums.get(group));
                if (!t.sameAs(Tally.NONE)) {
                    tallies.put(group, t);
                }
            });
            return new RowSummary(version, tallies);
        }
    }
}
