package org.healthwallet.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.healthwallet.ledger.cometbft.BlockId;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Commit;
import org.healthwallet.ledger.cometbft.CommitSig;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.ProtocolVersion;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.testing.GeneratedChain;
import org.junit.jupiter.api.Test;

/** Headers forged in every way the specification names; each is rejected with its own reason. */
class ForgedHeaderTest {
    private static final Instant GENESIS = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<ValidatorKey> KEYS = GeneratedChain.keys(4, "forged");
    private static final GeneratedChain CHAIN = GeneratedChain.stable("health-1", KEYS, 20, GENESIS);
    private static final Options OPTIONS = Options.DEFAULT;
    private static final Instant NOW = GENESIS.plusSeconds(60);

    private final LightBlock trusted = CHAIN.lightBlock(1);

    /** Rebuilds block {@code height} with a changed header, re-signed by the same validators. */
    private static LightBlock resigned(long height, UnaryOperator<Header.Builder> change) {
        LightBlock honest = CHAIN.lightBlock(height);
        Header header = change.apply(honest.header().toBuilder()).build();
        Commit commit = CHAIN.sign(header, honest.validatorSet(), Set.of());
        return new LightBlock(new SignedHeader(header, commit), honest.validatorSet(), honest.nextValidatorSet());
    }

    private static LightBlock withSignatures(LightBlock block, List<CommitSig> sigs) {
        Commit c = block.commit();
        return new LightBlock(new SignedHeader(block.header(), new Commit(c.height(), c.round(), c.blockId(), sigs)),
                block.validatorSet(), block.nextValidatorSet());
    }

    private static Reason reasonOf(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Invalid.class);
        return ((Verdict.Invalid) v).reason();
    }

    @Test
    void honestBlocksVerifyAdjacentAndSkipping() {
        assertThat(Verifier.verify(trusted, CHAIN.lightBlock(2), OPTIONS, NOW)).isEqualTo(Verdict.SUCCESS);
        assertThat(Verifier.verify(trusted, CHAIN.lightBlock(15), OPTIONS, NOW)).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void badSignature() {
        LightBlock b = CHAIN.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        CommitSig s = sigs.get(0);
        byte[] forged = s.signature().toArray();
        forged[10] ^= 1;
        sigs.set(0, CommitSig.forBlock(s.validatorAddress(), s.timestamp(), Bytes.of(forged)));
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
        // a real signature by the right validator, but over another time than the commit states
        ValidatorKey signer = CHAIN.key(s.validatorAddress());
        Bytes otherTime = signer.signPrecommit("health-1", 2, 0, b.commit().blockId(), s.timestamp().plusSeconds(1)).signature();
        sigs.set(0, CommitSig.forBlock(s.validatorAddress(), s.timestamp(), otherTime));
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tooLittlePower() {
        LightBlock b = CHAIN.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        sigs.set(1, CommitSig.absent());
        sigs.set(3, CommitSig.absent());
        Verdict v = Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW);
        assertThat(reasonOf(v)).isEqualTo(Reason.INSUFFICIENT_POWER);
        assertThat(v.describe()).contains("20 of 40");
        // three of four equal validators are more than 2/3
        sigs.set(1, b.commit().signatures().get(1));
        assertThat(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW)).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void exactlyTwoThirdsIsNotEnough() {
        GeneratedChain three = GeneratedChain.stable("health-3", KEYS.subList(0, 3), 5, GENESIS);
        LightBlock b = three.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        sigs.set(2, CommitSig.absent());
        Verdict v = Verifier.verify(three.lightBlock(1), withSignatures(b, sigs), OPTIONS, NOW);
        assertThat(reasonOf(v)).isEqualTo(Reason.INSUFFICIENT_POWER);
        assertThat(v.describe()).contains("20 of 30");
    }

    @Test
    void signerCountedTwice() {
        LightBlock b = CHAIN.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        sigs.set(3, sigs.get(0));
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.DUPLICATE_SIGNER);
        // also when skipping, where the trusted set is looked up by address
        LightBlock far = CHAIN.lightBlock(9);
        List<CommitSig> farSigs = new ArrayList<>(far.commit().signatures());
        farSigs.set(2, farSigs.get(1));
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(far, farSigs), OPTIONS, NOW))).isEqualTo(Reason.DUPLICATE_SIGNER);
    }

    @Test
    void signerNotInTheSet() {
        LightBlock b = CHAIN.lightBlock(2);
        ValidatorKey outsider = GeneratedChain.keys(1, "outsider").get(0);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        sigs.set(2, outsider.signPrecommit("health-1", 2, 0, b.commit().blockId(), b.time()));
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.UNKNOWN_SIGNER);
    }

    @Test
    void signatureAtAnotherValidatorsPosition() {
        LightBlock b = CHAIN.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        CommitSig first = sigs.get(0);
        sigs.set(0, sigs.get(1));
        sigs.set(1, first);
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.SIGNER_OUT_OF_ORDER);
        sigs.remove(3);
        assertThat(reasonOf(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW))).isEqualTo(Reason.COMMIT_SIZE_MISMATCH);
    }

    @Test
    void wrongChainId() {
        LightBlock other = resigned(2, h -> h.chainId("health-2"));
        assertThat(reasonOf(Verifier.verify(trusted, other, OPTIONS, NOW))).isEqualTo(Reason.WRONG_CHAIN_ID);
    }

    @Test
    void wrongHeight() {
        LightBlock b3 = CHAIN.lightBlock(3);
        assertThat(reasonOf(Verifier.verify(b3, CHAIN.lightBlock(2), OPTIONS, NOW))).isEqualTo(Reason.NON_INCREASING_HEIGHT);
        assertThat(reasonOf(Verifier.verify(b3, b3, OPTIONS, NOW))).isEqualTo(Reason.NON_INCREASING_HEIGHT);
        // a commit for height 3 attached to header 2
        LightBlock b2 = CHAIN.lightBlock(2);
        Commit c = b2.commit();
        LightBlock mixed = new LightBlock(new SignedHeader(b2.header(), new Commit(3, c.round(), c.blockId(), c.signatures())),
                b2.validatorSet(), b2.nextValidatorSet());
        assertThat(reasonOf(Verifier.verify(trusted, mixed, OPTIONS, NOW))).isEqualTo(Reason.WRONG_COMMIT_HEIGHT);
        // adjacent verification asked for a gap
        assertThat(reasonOf(Verifier.verifyAdjacent(trusted, b3, OPTIONS, NOW))).isEqualTo(Reason.ADJACENCY_MISMATCH);
    }

    @Test
    void headerFromBeyondTheClockDrift() {
        LightBlock b = CHAIN.lightBlock(5);
        Instant now = b.time().minusSeconds(11);
        assertThat(reasonOf(Verifier.verify(trusted, b, OPTIONS, now))).isEqualTo(Reason.HEADER_FROM_FUTURE);
        assertThat(Verifier.verify(trusted, b, OPTIONS, b.time().minusSeconds(9))).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void trustedBlockOutsideTheTrustingPeriod() {
        Options hour = OPTIONS.withTrustingPeriod(Duration.ofHours(1));
        Instant expiry = trusted.time().plus(Duration.ofHours(1));
        assertThat(reasonOf(Verifier.verify(trusted, CHAIN.lightBlock(2), hour, expiry))).isEqualTo(Reason.TRUSTED_HEADER_EXPIRED);
        assertThat(Verifier.verify(trusted, CHAIN.lightBlock(2), hour, expiry.minusNanos(1))).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void nonMonotonicTime() {
        LightBlock b = resigned(2, h -> h.time(trusted.time()));
        assertThat(reasonOf(Verifier.verify(trusted, b, OPTIONS, NOW))).isEqualTo(Reason.NON_MONOTONIC_TIME);
    }

    @Test
    void wrongValidatorsHash() {
        LightBlock b = CHAIN.lightBlock(2);
        ValidatorSet smaller = ValidatorSet.of(b.validatorSet().validators().subList(0, 3));
        LightBlock lying = new LightBlock(b.signedHeader(), smaller, b.nextValidatorSet());
        assertThat(reasonOf(Verifier.verify(trusted, lying, OPTIONS, NOW))).isEqualTo(Reason.VALIDATORS_HASH_MISMATCH);
    }

    @Test
    void wrongNextValidatorsHash() {
        // the header at 2 is signed by a set the trusted header did not name as next
        List<ValidatorKey> others = GeneratedChain.keys(4, "others");
        ValidatorSet otherSet = ValidatorSet.of(others.stream().map(k -> k.validator(10)).toList());
        Header h = CHAIN.lightBlock(2).header().toBuilder().validatorsHash(otherSet.hash()).build();
        BlockId id = GeneratedChain.blockId(h.hash());
        List<CommitSig> sigs = new ArrayList<>();
        for (var v : otherSet.validators()) {
            ValidatorKey k = others.stream().filter(x -> x.address().equals(v.address())).findFirst().orElseThrow();
            sigs.add(k.signPrecommit("health-1", 2, 0, id, h.time()));
        }
        LightBlock foreign = new LightBlock(new SignedHeader(h, new Commit(2, 0, id, sigs)), otherSet, CHAIN.validators(3));
        assertThat(reasonOf(Verifier.verify(trusted, foreign, OPTIONS, NOW))).isEqualTo(Reason.VALIDATOR_SET_CHANGED_UNANNOUNCED);

        // a provider that hands over another next set than the header names
        LightBlock b = CHAIN.lightBlock(2);
        LightBlock lyingNext = new LightBlock(b.signedHeader(), b.validatorSet(), otherSet);
        assertThat(reasonOf(Verifier.verify(trusted, lyingNext, OPTIONS, NOW))).isEqualTo(Reason.NEXT_VALIDATORS_HASH_MISMATCH);
    }

    @Test
    void commitForAnotherBlock() {
        LightBlock honest = CHAIN.lightBlock(2);
        Header changed = honest.header().toBuilder().appHash(Merkle.sha256(new byte[] {1})).build();
        LightBlock b = new LightBlock(new SignedHeader(changed, honest.commit()), honest.validatorSet(), honest.nextValidatorSet());
        assertThat(reasonOf(Verifier.verify(trusted, b, OPTIONS, NOW))).isEqualTo(Reason.COMMIT_FOR_ANOTHER_BLOCK);
    }

    @Test
    void malformedHeaderAndCommitAndMissingSet() {
        LightBlock oldProtocol = resigned(2, h -> h.version(new ProtocolVersion(10, 0)));
        assertThat(reasonOf(Verifier.verify(trusted, oldProtocol, OPTIONS, NOW))).isEqualTo(Reason.MALFORMED_HEADER);
        LightBlock b = CHAIN.lightBlock(2);
        LightBlock empty = new LightBlock(new SignedHeader(b.header(), new Commit(2, 0, b.commit().blockId(), List.of())),
                b.validatorSet(), b.nextValidatorSet());
        assertThat(reasonOf(Verifier.verify(trusted, empty, OPTIONS, NOW))).isEqualTo(Reason.MALFORMED_COMMIT);
        assertThat(reasonOf(Verifier.verify(trusted, new LightBlock(b.signedHeader(), null, null), OPTIONS, NOW)))
                .isEqualTo(Reason.MISSING_VALIDATOR_SET);
        LightBlock rootWithoutNext = new LightBlock(trusted.signedHeader(), trusted.validatorSet(), null);
        assertThat(reasonOf(Verifier.verify(rootWithoutNext, CHAIN.lightBlock(7), OPTIONS, NOW)))
                .isEqualTo(Reason.MISSING_VALIDATOR_SET);
    }

    @Test
    void skippingAcrossAChangedSetNeedsTrust() {
        // validators change completely at height 6: skipping 1 -> 10 finds no trusted signer
        List<ValidatorKey> next = GeneratedChain.keys(4, "next");
        GeneratedChain changing = new GeneratedChain("health-1", GENESIS, Duration.ofSeconds(1), List.of(
                new GeneratedChain.Era(1, KEYS, List.of(10L, 10L, 10L, 10L)),
                new GeneratedChain.Era(6, next, List.of(10L, 10L, 10L, 10L))), 12, x -> Set.of(), x -> "s");
        Verdict v = Verifier.verify(changing.lightBlock(1), changing.lightBlock(10), OPTIONS, NOW);
        assertThat(v).isEqualTo(new Verdict.NotEnoughTrust(new Fraction(0, 40), Fraction.ONE_THIRD));
        // from 5, whose next set is the new one, the same header verifies
        assertThat(Verifier.verify(changing.lightBlock(5), changing.lightBlock(10), OPTIONS, NOW)).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void countingStopsOnceMoreThanTwoThirdsSigned() {
        // a broken fourth signature after three good ones is not looked at (as in CometBFT's VerifyCommitLight)
        LightBlock b = CHAIN.lightBlock(2);
        List<CommitSig> sigs = new ArrayList<>(b.commit().signatures());
        CommitSig last = sigs.get(3);
        byte[] forged = last.signature().toArray();
        forged[0] ^= 1;
        sigs.set(3, CommitSig.forBlock(last.validatorAddress(), last.timestamp(), Bytes.of(forged)));
        assertThat(Verifier.verify(trusted, withSignatures(b, sigs), OPTIONS, NOW)).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void hashChainBackwards() {
        Header h5 = CHAIN.header(5);
        assertThat(Verifier.verifyBackwards(CHAIN.header(4), h5)).isEqualTo(Verdict.SUCCESS);
        Header forged = CHAIN.header(4).toBuilder().appHash(Bytes.of(new byte[] {9})).build();
        assertThat(reasonOf(Verifier.verifyBackwards(forged, h5))).isEqualTo(Reason.HASH_CHAIN_BROKEN);
        assertThat(reasonOf(Verifier.verifyBackwards(CHAIN.header(3), h5))).isEqualTo(Reason.ADJACENCY_MISMATCH);
    }
}
