package org.healthwallet.node.devnet;

import java.util.Set;

/**
 * How a misbehaving node lies: from {@code fromHeight} on, it serves a conflicting chain whose
 * headers carry a different app hash (a state no honest execution produced), signed by the
 * {@code colluders} (validator indexes in validator-set order; empty means all validators). With
 * more than 2/3 of the power colluding, the conflicting headers verify on their own, and only a
 * light client's cross-check against an honest witness can tell.
 */
public record Misbehaviour(long fromHeight, Set<Integer> colluders) {
    public Misbehaviour {
        if (fromHeight < 1) {
            throw new IllegalArgumentException("A conflicting chain starts at height 1 or later, not " + fromHeight + ".");
        }
        colluders = Set.copyOf(colluders);
    }

    /** Every validator signs the conflicting chain. */
    public static Misbehaviour allValidators(long fromHeight) {
        return new Misbehaviour(fromHeight, Set.of());
    }
}
