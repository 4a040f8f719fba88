package org.healthwallet.core.accesslog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.healthwallet.core.share.Share;
import org.healthwallet.ledger.tx.Digest;

/**
 * One access as the patient reads it: who (the recipient as the doctor gave it, and the relay that
 * served it), when, which share (its label, when this wallet made it), which files were served, the
 * block that recorded it and the verified header height that proves it. Who and which files come
 * from the sealed details the wallet opened at sync; when they did not open, {@code recipient} is
 * {@value #UNOPENABLE}, {@code files} is empty and {@code unopenable} says why.
 */
public record AccessView(long index, String recipient, Relay relay, Instant at, String shareId, Optional<UUID> share,
                         Optional<String> shareLabel, List<String> files, long recordedAtHeight, long provenAtHeight,
                         Optional<String> unopenable) {
    /** What stands for the recipient of an entry whose details did not open. */
    public static final String UNOPENABLE = "details cannot be opened";

    public AccessView {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(unopenable, "unopenable");
        files = List.copyOf(files);
    }

    /** An access whose details opened. */
    public AccessView(long index, String recipient, Relay relay, Instant at, String shareId, Optional<UUID> share,
                      Optional<String> shareLabel, List<String> files, long recordedAtHeight, long provenAtHeight) {
        this(index, recipient, relay, at, shareId, share, shareLabel, files, recordedAtHeight, provenAtHeight, Optional.empty());
    }

    /**
     * The relay that served an access: its key (hex), and, when the wallet read the ledger's record
     * of it with a proof, its URL and the height it was admitted at.
     */
    public record Relay(String key, Kind kind, Optional<String> url, OptionalLong admittedHeight) {
        /** REGISTERED: the ledger's record was read. UNREGISTERED: the ledger proved it has none. NOT_LOOKED_UP: kept by an earlier build. */
        public enum Kind { REGISTERED, UNREGISTERED, NOT_LOOKED_UP }

        public Relay {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.REGISTERED) != url.isPresent() || url.isPresent() != admittedHeight.isPresent()) {
                throw new IllegalArgumentException("a registered relay, and only one, has a URL and an admission height");
            }
        }

        static Relay of(String key, VerifiedAccess.Relay proven) {
            if (proven instanceof VerifiedAccess.Relay.Registered r) {
                return new Relay(key, Kind.REGISTERED, Optional.of(r.record().url()), OptionalLong.of(r.record().admittedHeight()));
            }
            return new Relay(key, proven instanceof VerifiedAccess.Relay.Unregistered ? Kind.UNREGISTERED : Kind.NOT_LOOKED_UP,
                    Optional.empty(), OptionalLong.empty());
        }

        /** The start of the key, as a person compares keys: "a2ec95e6…". */
        public String shortKey() {
            return key.substring(0, Math.min(8, key.length())) + "…";
        }

        /** Where the relay runs, from its URL on the ledger: "relay.riverside.example", "127.0.0.1:52345". */
        public Optional<String> host() {
            return url.map(u -> {
                try {
                    URI uri = new URI(u);
                    if (uri.getHost() == null) return u;
                    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
                } catch (URISyntaxException e) {
                    return u; // the ledger accepted it as the relay's address; show it as written
                }
            });
        }

        /** The relay as the patient reads it: its host, "unregistered relay a2ec95e6…", or (kept by an earlier build) the short key. */
        public String shown() {
            return switch (kind) {
                case REGISTERED -> host().orElseThrow();
                case UNREGISTERED -> "unregistered relay " + shortKey();
                case NOT_LOOKED_UP -> shortKey();
            };
        }

        /** The full detail: key, and the admission height or why there is none. */
        public String detail() {
            return switch (kind) {
                case REGISTERED -> "relay " + url.orElseThrow() + ", key " + key + ", admitted at height " + admittedHeight.getAsLong();
                case UNREGISTERED -> "relay key " + key + ": the ledger has no record of this relay";
                case NOT_LOOKED_UP -> "relay key " + key + " (its address was not looked up when this entry was synced)";
            };
        }
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
                    boolean opened = a.details() instanceof VerifiedAccess.Details.Opened;
                    String recipient = opened ? ((VerifiedAccess.Details.Opened) a.details()).details().recipient() : UNOPENABLE;
                    List<String> files = opened ? ((VerifiedAccess.Details.Opened) a.details()).details().files().stream()
                            .map(Digest::hex).toList() : List.of();
                    Optional<String> why = a.details() instanceof VerifiedAccess.Details.Unopenable u
                            ? Optional.of(u.reason()) : Optional.empty();
                    return new AccessView(e.index(), recipient, Relay.of(e.relay().hex(), a.relay()), Instant.ofEpochSecond(e.accessedAt()),
                            e.shareId().hex(), share.map(Share::id), share.flatMap(Share::label),
                            files, e.height(), a.provenAtHeight(), why);
                })
                .toList();
    }
}
