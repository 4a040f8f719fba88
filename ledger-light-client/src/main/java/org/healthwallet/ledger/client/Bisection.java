package org.healthwallet.ledger.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Options;
import org.healthwallet.ledger.verify.Verdict;
import org.healthwallet.ledger.verify.Verifier;

/**
 * Forward verification from a trusted block to a target, fetching what it needs from one source:
 * skipping (bisection: try the target, and where too little of the trusted power signed it, try
 * the block halfway first) or sequential (every height). Returns the trace of blocks it verified.
 */
final class Bisection {
    sealed interface Outcome {
    }

    /** Verified: the trace from the trusted block to the target, each verified from the previous. */
    record Verified(List<LightBlock> trace) implements Outcome {
    }

    /** Not verified: the height that failed and why (verdict null when the source failed). */
    record Rejected(long height, Verdict verdict, String message) implements Outcome {
    }

    private Bisection() {
    }

    static Outcome skipping(Provider source, LightBlock trusted, LightBlock target, Options options, Instant now) {
        List<LightBlock> pending = new ArrayList<>();
        pending.add(target);
        List<LightBlock> trace = new ArrayList<>();
        trace.add(trusted);
        LightBlock verified = trusted;
        int depth = 0;
        while (true) {
            LightBlock candidate = pending.get(depth);
            Verdict v = Verifier.verify(verified, candidate, options, now);
            if (v instanceof Verdict.Success) {
                trace.add(candidate);
                if (depth == 0) {
                    return new Verified(trace);
                }
                verified = candidate;
                pending.subList(depth, pending.size()).clear();
                depth = 0;
            } else if (v instanceof Verdict.NotEnoughTrust) {
                if (depth == pending.size() - 1) {
                    long pivot = verified.height() + (candidate.height() - verified.height()) / 2;
                    Object fetched = fetch(source, pivot);
                    if (fetched instanceof Rejected r) {
                        return r;
                    }
                    pending.add((LightBlock) fetched);
                }
                depth++;
            } else {
                return rejected(source, candidate.height(), v);
            }
        }
    }

    static Outcome sequential(Provider source, LightBlock trusted, LightBlock target, Options options, Instant now) {
        List<LightBlock> trace = new ArrayList<>();
        trace.add(trusted);
        LightBlock verified = trusted;
        for (long h = trusted.height() + 1; h <= target.height(); h++) {
            LightBlock next;
            if (h == target.height()) {
                next = target;
            } else {
                Object fetched = fetch(source, h);
                if (fetched instanceof Rejected r) {
                    return r;
                }
                next = (LightBlock) fetched;
            }
            Verdict v = Verifier.verifyAdjacent(verified, next, options, now);
            if (!v.isSuccess()) {
                return rejected(source, h, v);
            }
            trace.add(next);
            verified = next;
        }
        return new Verified(trace);
    }

    /** A block from the source at exactly {@code height}, or a {@link Rejected}. */
    static Object fetch(Provider source, long height) {
        try {
            LightBlock b = source.lightBlock(height);
            if (b.height() != height) {
                return new Rejected(height, null, source.id() + " answered the request for height " + height
                        + " with height " + b.height() + ".");
            }
            return b;
        } catch (ProviderException e) {
            return new Rejected(height, null, "The ledger node " + source.id() + " could not give height " + height
                    + ": " + e.getMessage());
        }
    }

    private static Rejected rejected(Provider source, long height, Verdict v) {
        return new Rejected(height, v, "The header at height " + height + " from " + source.id()
                + " did not verify: " + v.describe());
    }
}
