package org.healthwallet.ledger.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * Counts the voting power behind one commit. The structural checks (one entry per validator, no
 * unknown or duplicate signer, each signature at its validator's index) run over the whole commit
 * first, because they cost no cryptography; signatures are then verified in commit order only until
 * the threshold is passed, as CometBFT's VerifyCommitLight does. A signature verified for the trust
 * check is not verified again for the 2/3 check when the same key signed the same bytes.
 * One instance serves one verification and is not shared.
 */
final class CommitTally {
    /** The result of counting: either the power that signed, or why the commit is invalid. */
    record Count(long signed, long total, Verdict.Invalid invalid) {
        boolean failed() {
            return invalid != null;
        }
    }

    private final Commit commit;
    private final String chainId;
    private final Map<Integer, Ed25519PublicKey> verifiedBy = new HashMap<>();

    CommitTally(Commit commit, String chainId) {
        this.commit = commit;
        this.chainId = chainId;
    }

    /** Checks the commit's layout against the header's own validator set; null when it is sound. */
    Verdict.Invalid checkLayout(ValidatorSet set) {
        List<CommitSig> sigs = commit.signatures();
        if (sigs.size() != set.size()) {
            return new Verdict.Invalid(Reason.COMMIT_SIZE_MISMATCH,
                    "the commit has " + sigs.size() + " entries for " + set.size() + " validators");
        }
        Map<Bytes, Integer> seen = new HashMap<>(sigs.size() * 2);
        for (int i = 0; i < sigs.size(); i++) {
            CommitSig sig = sigs.get(i);
            if (sig.isAbsent()) {
                continue;
            }
            if (set.indexOf(sig.validatorAddress()) < 0) {
                return new Verdict.Invalid(Reason.UNKNOWN_SIGNER,
                        "signature " + i + " is from " + sig.validatorAddress() + ", who is not in the validator set");
            }
            Integer first = seen.putIfAbsent(sig.validatorAddress(), i);
            if (first != null) {
                return new Verdict.Invalid(Reason.DUPLICATE_SIGNER,
                        "validator " + sig.validatorAddress() + " signed at positions " + first + " and " + i);
            }
        }
        for (int i = 0; i < sigs.size(); i++) {
            CommitSig sig = sigs.get(i);
            if (!sig.isAbsent() && set.indexOf(sig.validatorAddress()) != i) {
                return new Verdict.Invalid(Reason.SIGNER_OUT_OF_ORDER, "signature " + i + " is from "
                        + sig.validatorAddress() + ", whose position in the set is " + set.indexOf(sig.validatorAddress()));
            }
        }
        return null;
    }

    /**
     * Power of {@code set} behind the block, looking validators up by index (the header's own set,
     * after {@link #checkLayout}) or by address (another set, e.g. the trusted next validators).
     * Stops as soon as more than {@code threshold} of the set's power is counted.
     */
    Count tally(ValidatorSet set, boolean byIndex, Fraction threshold) {
        List<CommitSig> sigs = commit.signatures();
        long total = set.totalVotingPower();
        long signed = 0;
        for (int i = 0; i < sigs.size(); i++) {
            CommitSig sig = sigs.get(i);
            if (!sig.isForBlock()) {
                continue; // absent and nil votes do not count for the block (CometBFT ignores them here)
            }
            Validator v;
            if (byIndex) {
                v = set.get(i);
            } else {
                int at = set.indexOf(sig.validatorAddress());
                if (at < 0) {
                    continue; // not in this set: another set's validator, neither counted nor an error
                }
                v = set.get(at);
            }
            if (!verified(i, v.pubKey(), sig)) {
                return new Count(signed, total, new Verdict.Invalid(Reason.BAD_SIGNATURE,
                        "signature " + i + " by " + sig.validatorAddress() + " does not verify"));
            }
            signed += v.votingPower();
            if (threshold.isExceededBy(signed, total)) {
                break;
            }
        }
        return new Count(signed, total, null);
    }

    private boolean verified(int index, Ed25519PublicKey key, CommitSig sig) {
        if (key.equals(verifiedBy.get(index))) {
            return true;
        }
        boolean ok = key.verify(commit.voteSignBytes(chainId, index), sig.signature());
        if (ok) {
            verifiedBy.put(index, key);
        }
        return ok;
    }
}
