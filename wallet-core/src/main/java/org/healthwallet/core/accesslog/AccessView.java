package org.healthwallet.core.accesslog;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.healthwallet.core.share.Share;
import org.healthwallet.ledger.tx.Digest;

/**
 * One access as the patient reads it: who (the recipient as the doctor gave it, and the relay that
 * served it), when, which share (its label, when this wallet made it), which files were served, the
 * block that recorded it and the verified header height that proves it.
 */
public record AccessView(long index, String recipient, String relay, Instant at, String shareId, Optional<UUID> share,
                         Optional<String> shareLabel, List<String> files, long recordedAtHeight, long provenAtHeight) {
    public AccessView {
        files = List.copyOf(files);
    }

    /** The accesses newest first, each named by the patient's share with that grant id, if any. */
    public static List<AccessView> of(List<VerifiedAccess> log, List<Share> shares) {
        Map<Digest, Share> byGrant = shares.stream()
                .collect(Collectors.toMap(Share::grantId, Function.identity(), (a, b) -> a));
        return log.stream()
                .sorted(Comparator.comparingLong((VerifiedAccess a) -> a.entry().index()).reversed())
                .map(a -> {
                    var e = a.entry();
                    Optional<Share> share = Optional.ofNullable(byGrant.get(e.shareId()));
                    return new AccessView(e.index(), e.recipient(), e.relay().hex(), Instant.ofEpochSecond(e.accessedAt()),
                            e.shareId().hex(), share.map(Share::id), share.flatMap(Share::label),
                            e.files().stream().map(Digest::hex).toList(), e.height(), a.provenAtHeight());
                })
                .toList();
    }
}
