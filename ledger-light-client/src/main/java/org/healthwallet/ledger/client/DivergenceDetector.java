package org.healthwallet.ledger.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.verify.Options;

/**
 * Compares a header verified from the primary with the witnesses' (CometBFT light/detector.go).
 * When a witness has another header at that height, its history is verified from the same trusted
 * block; if it verifies, two valid histories exist, and the point where they split gives the
 * attack evidence. A witness whose conflicting header does not verify is itself faulty.
 */
final class DivergenceDetector {
    /** The outcome of a cross-check. */
    record Check(boolean confirmed, List<String> warnings, List<Provider> faultyWitnesses,
                 SyncResult.Divergence divergence) {
    }

    private record Split(List<LightBlock> sourceTrace, LightBlock divergentBlock, String problem) {
    }

    private DivergenceDetector() {
    }

    /**
     * Asks every witness for the primary's newest verified block, all at once. A witness a moment
     * behind (on a live network it often commits a block a few milliseconds after the primary) is
     * asked again, with short pauses, for up to {@code maxBlockLag} in all, but only when no other
     * witness has confirmed the block (CometBFT's detector waits for such witnesses too). The answers
     * are judged in the witnesses' order: the first witness (in that order) with another verified
     * history gives the divergence, and the warnings come in that order too.
     */
    static Check crossCheck(Provider primary, List<Provider> witnesses, List<LightBlock> primaryTrace,
                            Options options, Instant now, Duration maxBlockLag) {
        Tally tally = new Tally();
        LightBlock target = last(primaryTrace);
        // first round: each witness asked once
        SyncResult.Divergence d = judgeAll(primary, witnesses, WitnessAnswers.ask(witnesses, target, System.nanoTime()),
                primaryTrace, options, now, tally);
        if (d != null) {
            return new Check(false, tally.warnings, tally.faulty, d);
        }
        if (!tally.confirmed && !tally.behind.isEmpty()) {
            long deadline = System.nanoTime() + maxBlockLag.toNanos();
            List<Provider> lagging = List.copyOf(tally.behind.keySet());
            tally.behind.clear();
            d = judgeAll(primary, lagging, WitnessAnswers.ask(lagging, target, deadline), primaryTrace, options, now,
                    tally);
            if (d != null) {
                return new Check(false, tally.warnings, tally.faulty, d);
            }
        }
        tally.behind.forEach((witness, height) -> tally.warnings.add("witness " + witness.id() + " is behind (height "
                + height + " when asked for " + target.height() + ")"));
        return new Check(tally.confirmed, tally.warnings, tally.faulty, null);
    }

    /** What the cross-check found so far. */
    private static final class Tally {
        boolean confirmed;
        final List<String> warnings = new ArrayList<>();
        final List<Provider> faulty = new ArrayList<>();
        /** Witnesses whose newest block is below the target (and not later in time), with that height. */
        final Map<Provider, Long> behind = new LinkedHashMap<>();
    }

    /** Judges the answers in the witnesses' order, stopping at the first divergence. */
    private static SyncResult.Divergence judgeAll(Provider primary, List<Provider> witnesses,
                                                  List<WitnessAnswers.Answer> answers, List<LightBlock> primaryTrace,
                                                  Options options, Instant now, Tally tally) {
        for (int i = 0; i < witnesses.size(); i++) {
            SyncResult.Divergence d = judge(primary, witnesses.get(i), answers.get(i), primaryTrace, options, now, tally);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Judges one witness's answer for the target height; returns the divergence if both histories verify. */
    private static SyncResult.Divergence judge(Provider primary, Provider witness, WitnessAnswers.Answer answer,
                                               List<LightBlock> primaryTrace, Options options, Instant now,
                                               Tally tally) {
        LightBlock target = last(primaryTrace);
        LightBlock theirs;
        if (answer instanceof WitnessAnswers.Unreachable u) {
            if (u.problem().kind() == ProviderException.Kind.BAD_RESPONSE) {
                tally.faulty.add(witness);
            }
            tally.warnings.add("witness " + witness.id() + " could not be asked (" + u.problem().getMessage() + ")");
            return null;
        } else if (answer instanceof WitnessAnswers.Cancelled) {
            tally.warnings.add("the wait for witness " + witness.id() + " to reach height " + target.height()
                    + " was cancelled");
            return null;
        } else if (answer instanceof WitnessAnswers.Behind b) {
            tally.behind.put(witness, b.height());
            return null;
        } else {
            theirs = ((WitnessAnswers.Block) answer).block();
        }
        if (theirs.height() == target.height() && theirs.hash().equals(target.hash())) {
            tally.confirmed = true;
            return null;
        }
        Split split = examine(primaryTrace, theirs, witness, options, now);
        if (split.problem() != null) {
            tally.faulty.add(witness);
            tally.warnings.add("witness " + witness.id() + " was dropped: its different header at height "
                    + theirs.height() + " does not verify (" + split.problem() + ")");
            return null;
        }
        // Two verified histories. Evidence against the primary, holding the witness's as true ...
        AttackEvidence againstPrimary = evidence(split.divergentBlock(), last(split.sourceTrace()),
                split.sourceTrace().get(0));
        // ... and against the witness, holding the primary's as true (the node that receives it decides).
        Split reverse = examine(split.sourceTrace(), split.divergentBlock(), primary, options, now);
        AttackEvidence againstWitness = reverse.problem() == null
                ? evidence(reverse.divergentBlock(), last(reverse.sourceTrace()), reverse.sourceTrace().get(0))
                : null;
        return new SyncResult.Divergence(primary.id(), witness.id(), split.divergentBlock().height(), againstPrimary,
                againstWitness);
    }

    /**
     * Walks a verified trace and verifies the source's blocks at the same heights from the common
     * start, until the source's block differs from the trace's (CometBFT's
     * examineConflictingHeaderAgainstTrace). The split gives the source's verified trace up to that
     * height and the trace's block there.
     */
    private static Split examine(List<LightBlock> trace, LightBlock target, Provider source, Options options,
                                 Instant now) {
        if (target.height() < trace.get(0).height()) {
            return new Split(null, null, "its header is below the trusted height");
        }
        LightBlock previous = null;
        List<LightBlock> sourceTrace = List.of();
        for (int i = 0; i < trace.size(); i++) {
            LightBlock traced = trace.get(i);
            if (traced.height() > target.height()) {
                // the source's header lies between two trace blocks (a header forged into the future)
                if (traced.time().isAfter(target.time())) {
                    return new Split(null, null, "its header's time does not fit between the verified headers");
                }
                if (previous.height() != target.height()) {
                    Bisection.Outcome o = Bisection.skipping(source, previous, target, options, now);
                    if (o instanceof Bisection.Rejected r) {
                        return new Split(null, null, r.message());
                    }
                    sourceTrace = ((Bisection.Verified) o).trace();
                }
                return new Split(sourceTrace, traced, null);
            }
            LightBlock theirs;
            if (traced.height() == target.height()) {
                theirs = target;
            } else {
                Object fetched = Bisection.fetch(source, traced.height());
                if (fetched instanceof Bisection.Rejected r) {
                    return new Split(null, null, r.message());
                }
                theirs = (LightBlock) fetched;
            }
            if (i == 0) {
                if (!theirs.hash().equals(traced.hash())) {
                    return new Split(null, null, "it does not share the trusted block at height " + traced.height());
                }
                previous = theirs;
                continue;
            }
            Bisection.Outcome o = Bisection.skipping(source, previous, theirs, options, now);
            if (o instanceof Bisection.Rejected r) {
                return new Split(null, null, r.message());
            }
            sourceTrace = ((Bisection.Verified) o).trace();
            if (!theirs.hash().equals(traced.hash())) {
                return new Split(sourceTrace, traced, null);
            }
            previous = theirs;
        }
        return new Split(null, null, "no point where the histories split was found");
    }

    /** CometBFT's newLightClientAttackEvidence. */
    static AttackEvidence evidence(LightBlock conflicting, LightBlock trusted, LightBlock common) {
        boolean lunatic = conflictingHeaderIsInvalid(trusted.header(), conflicting.header());
        List<Validator> byzantine = new ArrayList<>();
        AttackEvidence.Kind kind;
        if (lunatic) {
            kind = AttackEvidence.Kind.LUNATIC;
            ValidatorSet commonSet = common.validatorSet() != null ? common.validatorSet() : common.nextValidatorSet();
            for (CommitSig sig : conflicting.commit().signatures()) {
                if (sig.isForBlock() && commonSet != null) {
                    commonSet.byAddress(sig.validatorAddress()).ifPresent(byzantine::add);
                }
            }
        } else if (trusted.commit().round() == conflicting.commit().round()) {
            kind = AttackEvidence.Kind.EQUIVOCATION;
            List<CommitSig> a = conflicting.commit().signatures();
            List<CommitSig> b = trusted.commit().signatures();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (a.get(i).isForBlock() && b.get(i).isForBlock() && conflicting.validatorSet() != null) {
                    conflicting.validatorSet().byAddress(a.get(i).validatorAddress()).ifPresent(byzantine::add);
                }
            }
        } else {
            kind = AttackEvidence.Kind.AMNESIA;
        }
        byzantine.sort(Comparator.comparingLong(Validator::votingPower).reversed().thenComparing(Validator::address));
        LightBlock basis = lunatic ? common : trusted;
        long total = basis.validatorSet() != null ? basis.validatorSet().totalVotingPower() : 0;
        return new AttackEvidence(kind, conflicting, basis.height(), byzantine, total, basis.time());
    }

    /** The conflicting header could not come from a valid state transition (a lunatic attack). */
    private static boolean conflictingHeaderIsInvalid(Header trusted, Header conflicting) {
        return !trusted.validatorsHash().equals(conflicting.validatorsHash())
                || !trusted.nextValidatorsHash().equals(conflicting.nextValidatorsHash())
                || !trusted.consensusHash().equals(conflicting.consensusHash())
                || !trusted.appHash().equals(conflicting.appHash())
                || !trusted.lastResultsHash().equals(conflicting.lastResultsHash());
    }

    private static LightBlock last(List<LightBlock> trace) {
        return trace.get(trace.size() - 1);
    }
}
