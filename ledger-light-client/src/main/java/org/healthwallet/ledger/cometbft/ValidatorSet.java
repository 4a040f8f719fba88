package org.healthwallet.ledger.cometbft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validator set in CometBFT's order (voting power descending, then address ascending), with its
 * hash (Merkle root of the SimpleValidator encodings), total power and an address index computed
 * once. Immutable; a final class rather than a record because it keeps those derived values.
 */
public final class ValidatorSet {
    /** No consortium needs more; a larger set from a server is refused before any work is done. */
    public static final int MAX_VALIDATORS = 10_000;
    /** CometBFT's MaxTotalVotingPower (int64 max / 8). */
    public static final long MAX_TOTAL_VOTING_POWER = Long.MAX_VALUE / 8;

    private static final Comparator<Validator> COMETBFT_ORDER = Comparator
            .comparingLong(Validator::votingPower).reversed()
            .thenComparing(Validator::address);

    private final List<Validator> validators;
    private final Validator proposer;
    private final long totalVotingPower;
    private final Map<Bytes, Integer> indexByAddress;
    private final Bytes hash;

    private ValidatorSet(List<Validator> sorted, Validator proposer) {
        this.validators = List.copyOf(sorted);
        this.proposer = proposer;
        Map<Bytes, Integer> index = new HashMap<>(sorted.size() * 2);
        long total = 0;
        List<byte[]> leaves = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Validator v = sorted.get(i);
            if (index.put(v.address(), i) != null) {
                throw new IllegalArgumentException("validator " + v.address() + " appears twice in the set");
            }
            total += v.votingPower();
            if (total > MAX_TOTAL_VOTING_POWER) {
                throw new IllegalArgumentException("the set's total voting power exceeds CometBFT's maximum");
            }
            leaves.add(v.hashBytes());
        }
        this.indexByAddress = Map.copyOf(index);
        this.totalVotingPower = total;
        this.hash = Merkle.root(leaves);
    }

    /** The set of {@code validators}, put in CometBFT's order. */
    public static ValidatorSet of(List<Validator> validators) {
        return of(validators, null);
    }

    /** As {@link #of(List)}, remembering the proposer a server reported (not part of the hash). */
    public static ValidatorSet of(List<Validator> validators, Validator proposer) {
        if (validators.size() > MAX_VALIDATORS) {
            throw new IllegalArgumentException("a validator set of " + validators.size()
                    + " is larger than the " + MAX_VALIDATORS + " this client accepts");
        }
        List<Validator> sorted = new ArrayList<>(validators);
        sorted.sort(COMETBFT_ORDER);
        return new ValidatorSet(sorted, proposer);
    }

    public List<Validator> validators() {
        return validators;
    }

    public int size() {
        return validators.size();
    }

    public Validator get(int index) {
        return validators.get(index);
    }

    /** The proposer a server reported, if any. */
    public Optional<Validator> proposer() {
        return Optional.ofNullable(proposer);
    }

    public long totalVotingPower() {
        return totalVotingPower;
    }

    /** The CometBFT validators hash (as in a header's validators_hash). */
    public Bytes hash() {
        return hash;
    }

    /** The position of the validator with this address, or -1. */
    public int indexOf(Bytes address) {
        Integer i = indexByAddress.get(address);
        return i == null ? -1 : i;
    }

    public Optional<Validator> byAddress(Bytes address) {
        int i = indexOf(address);
        return i < 0 ? Optional.empty() : Optional.of(validators.get(i));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidatorSet s && validators.equals(s.validators);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "ValidatorSet[" + validators.size() + " validators, power " + totalVotingPower + ", hash " + hash + "]";
    }
}
