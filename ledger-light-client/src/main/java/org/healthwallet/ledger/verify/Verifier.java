package org.healthwallet.ledger.verify;

import java.time.Instant;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.ProtocolVersion;
import org.healthwallet.ledger.cometbft.ValidatorSet;

/**
 * The CometBFT light client's verification, as pure functions: everything needed goes in, a
 * {@link Verdict} comes out (spec/light-client/verification; CometBFT light/verifier.go).
 *
 * <p>Adjacent (height H+1 after trusted H): the new header's validators must be the ones the trusted
 * header named as next, and more than 2/3 of their power must have signed. Non-adjacent (skipping):
 * more than the trust level of the trusted header's <em>next</em> validator set must have signed the
 * new header (see docs/light-client.md for why that set), and more than 2/3 of the new header's own
 * set. In both, the trusted header must be within the trusting period, the new header's time must
 * be after the trusted header's and before now plus the clock drift, and the header, commit and
 * validator sets must fit together.
 */
public final class Verifier {
    private static final int HASH_SIZE = 32;

    private Verifier() {
    }

    /** Adjacent or non-adjacent verification, whichever the heights call for. */
    public static Verdict verify(LightBlock trusted, LightBlock untrusted, Options options, Instant now) {
        if (untrusted.height() == trusted.height() + 1) {
            return verifyAdjacent(trusted, untrusted, options, now);
        }
        return verifyNonAdjacent(trusted, untrusted, options, now);
    }

    public static Verdict verifyAdjacent(LightBlock trusted, LightBlock untrusted, Options options, Instant now) {
        if (untrusted.height() <= trusted.height()) {
            return nonIncreasing(trusted, untrusted);
        }
        if (untrusted.height() != trusted.height() + 1) {
            return new Verdict.Invalid(Reason.ADJACENCY_MISMATCH, "adjacent verification needs height "
                    + (trusted.height() + 1) + ", got " + untrusted.height());
        }
        Verdict.Invalid invalid = checkCommon(trusted, untrusted, options, now);
        if (invalid != null) {
            return invalid;
        }
        Header t = trusted.header();
        Header u = untrusted.header();
        if (!u.validatorsHash().equals(t.nextValidatorsHash())) {
            return new Verdict.Invalid(Reason.VALIDATOR_SET_CHANGED_UNANNOUNCED, "header " + u.height()
                    + " has validators " + brief(u.validatorsHash()) + ", header " + t.height() + " named "
                    + brief(t.nextValidatorsHash()));
        }
        CommitTally tally = new CommitTally(untrusted.commit(), t.chainId());
        invalid = tally.checkLayout(untrusted.validatorSet());
        if (invalid != null) {
            return invalid;
        }
        return twoThirds(tally, untrusted.validatorSet());
    }

    public static Verdict verifyNonAdjacent(LightBlock trusted, LightBlock untrusted, Options options, Instant now) {
        if (untrusted.height() <= trusted.height()) {
            return nonIncreasing(trusted, untrusted);
        }
        if (untrusted.height() == trusted.height() + 1) {
            return new Verdict.Invalid(Reason.ADJACENCY_MISMATCH,
                    "skipping verification needs a gap, height " + untrusted.height() + " follows " + trusted.height());
        }
        Verdict.Invalid invalid = checkCommon(trusted, untrusted, options, now);
        if (invalid != null) {
            return invalid;
        }
        ValidatorSet trustedNext = trusted.nextValidatorSet();
        if (trustedNext == null) {
            return new Verdict.Invalid(Reason.MISSING_VALIDATOR_SET,
                    "the trusted block at height " + trusted.height() + " has no next validator set");
        }
        if (!trustedNext.hash().equals(trusted.header().nextValidatorsHash())) {
            return new Verdict.Invalid(Reason.NEXT_VALIDATORS_HASH_MISMATCH, "the trusted block's next validator set "
                    + brief(trustedNext.hash()) + " is not the one its header names");
        }
        CommitTally tally = new CommitTally(untrusted.commit(), trusted.chainId());
        invalid = tally.checkLayout(untrusted.validatorSet());
        if (invalid != null) {
            return invalid;
        }
        CommitTally.Count trust = tally.tally(trustedNext, false, options.trustLevel());
        if (trust.failed()) {
            return trust.invalid();
        }
        if (!options.trustLevel().isExceededBy(trust.signed(), trust.total())) {
            return new Verdict.NotEnoughTrust(new Fraction(trust.signed(), Math.max(1, trust.total())),
                    options.trustLevel());
        }
        // Last, as in CometBFT: the new set may be made large on purpose to slow the client down.
        return twoThirds(tally, untrusted.validatorSet());
    }

    /**
     * Checks a block on its own, as for a trust root whose hash came from a checkpoint: the header is
     * well formed, the commit is for it, the validator sets are the ones it names, and more than 2/3
     * of its own validators' power signed it.
     */
    public static Verdict verifyCommitted(LightBlock block) {
        Header h = block.header();
        Verdict.Invalid invalid = checkHeader(h);
        if (invalid == null) {
            invalid = checkCommit(h, block.commit());
        }
        if (invalid != null) {
            return invalid;
        }
        ValidatorSet vals = block.validatorSet();
        if (vals == null || block.nextValidatorSet() == null) {
            return new Verdict.Invalid(Reason.MISSING_VALIDATOR_SET, "block " + h.height() + " needs both validator sets");
        }
        if (!vals.hash().equals(h.validatorsHash())) {
            return new Verdict.Invalid(Reason.VALIDATORS_HASH_MISMATCH, "the set given for height " + h.height()
                    + " is not the one its header names");
        }
        if (!block.nextValidatorSet().hash().equals(h.nextValidatorsHash())) {
            return new Verdict.Invalid(Reason.NEXT_VALIDATORS_HASH_MISMATCH, "the next set given for height "
                    + h.height() + " is not the one its header names");
        }
        CommitTally tally = new CommitTally(block.commit(), h.chainId());
        invalid = tally.checkLayout(vals);
        return invalid != null ? invalid : twoThirds(tally, vals);
    }

    /**
     * Backwards verification by hash chain: {@code older} (height H-1) is trusted because the trusted
     * header at H names its hash as last block id; its time must be earlier.
     */
    public static Verdict verifyBackwards(Header older, Header trusted) {
        Verdict.Invalid invalid = checkHeader(older);
        if (invalid != null) {
            return invalid;
        }
        if (!older.chainId().equals(trusted.chainId())) {
            return new Verdict.Invalid(Reason.WRONG_CHAIN_ID,
                    "header " + older.height() + " is from chain \"" + older.chainId() + "\"");
        }
        if (older.height() != trusted.height() - 1) {
            return new Verdict.Invalid(Reason.ADJACENCY_MISMATCH,
                    "backwards verification needs height " + (trusted.height() - 1) + ", got " + older.height());
        }
        if (!older.time().isBefore(trusted.time())) {
            return new Verdict.Invalid(Reason.NON_MONOTONIC_TIME, "header " + older.height() + " has time "
                    + older.time() + ", not before " + trusted.time());
        }
        Bytes hash = older.hash();
        if (!hash.equals(trusted.lastBlockId().hash())) {
            return new Verdict.Invalid(Reason.HASH_CHAIN_BROKEN, "header " + older.height() + " hashes to "
                    + brief(hash) + ", header " + trusted.height() + " points back to " + brief(trusted.lastBlockId().hash()));
        }
        return Verdict.SUCCESS;
    }

    private static Verdict twoThirds(CommitTally tally, ValidatorSet set) {
        CommitTally.Count count = tally.tally(set, true, Fraction.TWO_THIRDS);
        if (count.failed()) {
            return count.invalid();
        }
        if (!Fraction.TWO_THIRDS.isExceededBy(count.signed(), count.total())) {
            return new Verdict.Invalid(Reason.INSUFFICIENT_POWER, "validators with " + count.signed() + " of "
                    + count.total() + " voting power signed; more than 2/3 is needed");
        }
        return Verdict.SUCCESS;
    }

    private static Verdict nonIncreasing(LightBlock trusted, LightBlock untrusted) {
        return new Verdict.Invalid(Reason.NON_INCREASING_HEIGHT, "height " + untrusted.height()
                + " is not above the trusted height " + trusted.height());
    }

    /** The checks both kinds share (CometBFT's expiry check, verifyNewHeaderAndVals and ValidateBasic). */
    private static Verdict.Invalid checkCommon(LightBlock trusted, LightBlock untrusted, Options options, Instant now) {
        Header t = trusted.header();
        Header u = untrusted.header();
        Instant expires = t.time().plus(options.trustingPeriod());
        if (!expires.isAfter(now)) {
            return new Verdict.Invalid(Reason.TRUSTED_HEADER_EXPIRED, "the trusted header of height " + t.height()
                    + " expired at " + expires + "; it is now " + now);
        }
        if (!u.chainId().equals(t.chainId())) {
            return new Verdict.Invalid(Reason.WRONG_CHAIN_ID,
                    "header " + u.height() + " is from chain \"" + u.chainId() + "\", not \"" + t.chainId() + "\"");
        }
        Verdict.Invalid invalid = checkHeader(u);
        if (invalid != null) {
            return invalid;
        }
        invalid = checkCommit(u, untrusted.commit());
        if (invalid != null) {
            return invalid;
        }
        if (!u.time().isAfter(t.time())) {
            return new Verdict.Invalid(Reason.NON_MONOTONIC_TIME, "header " + u.height() + " has time " + u.time()
                    + ", not after the trusted " + t.time());
        }
        Instant limit = now.plus(options.maxClockDrift());
        if (!u.time().isBefore(limit)) {
            return new Verdict.Invalid(Reason.HEADER_FROM_FUTURE, "header " + u.height() + " has time " + u.time()
                    + "; now is " + now + " and the allowed drift " + options.maxClockDrift());
        }
        ValidatorSet vals = untrusted.validatorSet();
        if (vals == null) {
            return new Verdict.Invalid(Reason.MISSING_VALIDATOR_SET, "no validator set was given for height " + u.height());
        }
        if (!vals.hash().equals(u.validatorsHash())) {
            return new Verdict.Invalid(Reason.VALIDATORS_HASH_MISMATCH, "the set given hashes to " + brief(vals.hash())
                    + ", header " + u.height() + " names " + brief(u.validatorsHash()));
        }
        ValidatorSet next = untrusted.nextValidatorSet();
        if (next != null && !next.hash().equals(u.nextValidatorsHash())) {
            return new Verdict.Invalid(Reason.NEXT_VALIDATORS_HASH_MISMATCH, "the next set given hashes to "
                    + brief(next.hash()) + ", header " + u.height() + " names " + brief(u.nextValidatorsHash()));
        }
        return null;
    }

    /** CometBFT's Header.ValidateBasic. */
    static Verdict.Invalid checkHeader(Header h) {
        String problem = null;
        if (h.version().block() != ProtocolVersion.BLOCK_PROTOCOL) {
            problem = "block protocol " + h.version().block() + ", expected " + ProtocolVersion.BLOCK_PROTOCOL;
        } else if (h.chainId().length() > Header.MAX_CHAIN_ID_LENGTH) {
            problem = "a chain id longer than " + Header.MAX_CHAIN_ID_LENGTH + " characters";
        } else if (h.height() <= 0) {
            problem = "height " + h.height();
        } else if (!hashOrEmpty(h.lastBlockId().hash()) || !hashOrEmpty(h.lastBlockId().partSetHeader().hash())) {
            problem = "a last block id of the wrong size";
        } else if (!hashOrEmpty(h.lastCommitHash()) || !hashOrEmpty(h.dataHash()) || !hashOrEmpty(h.evidenceHash())
                || !hashOrEmpty(h.nextValidatorsHash()) || !hashOrEmpty(h.consensusHash())
                || !hashOrEmpty(h.lastResultsHash())) {
            problem = "a hash that is neither empty nor 32 bytes";
        } else if (h.validatorsHash().length() != HASH_SIZE) {
            problem = "a validators hash of " + h.validatorsHash().length() + " bytes";
        } else if (h.proposerAddress().length() != 20) {
            problem = "a proposer address of " + h.proposerAddress().length() + " bytes";
        }
        return problem == null ? null
                : new Verdict.Invalid(Reason.MALFORMED_HEADER, "header " + h.height() + " has " + problem);
    }

    /** CometBFT's Commit.ValidateBasic and SignedHeader.ValidateBasic (height and block id match). */
    private static Verdict.Invalid checkCommit(Header h, Commit c) {
        if (c.height() != h.height()) {
            return new Verdict.Invalid(Reason.WRONG_COMMIT_HEIGHT,
                    "header " + h.height() + " comes with a commit for height " + c.height());
        }
        if (c.blockId().isZero() || c.signatures().isEmpty()) {
            return new Verdict.Invalid(Reason.MALFORMED_COMMIT, c.blockId().isZero()
                    ? "the commit for height " + c.height() + " is for no block"
                    : "the commit for height " + c.height() + " has no signatures");
        }
        Bytes hash = h.hash();
        if (!hash.equals(c.blockId().hash())) {
            return new Verdict.Invalid(Reason.COMMIT_FOR_ANOTHER_BLOCK, "the commit signs block "
                    + brief(c.blockId().hash()) + ", header " + h.height() + " hashes to " + brief(hash));
        }
        return null;
    }

    private static boolean hashOrEmpty(Bytes b) {
        return b.isEmpty() || b.length() == HASH_SIZE;
    }

    private static String brief(Bytes hash) {
        String hex = hash.hex();
        return hex.isEmpty() ? "(none)" : hex.length() <= 12 ? hex : hex.substring(0, 12) + "…";
    }
}
