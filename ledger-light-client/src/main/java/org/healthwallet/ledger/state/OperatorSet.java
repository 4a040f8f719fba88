package org.healthwallet.ledger.state;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * The consortium's operator keys from genesis (key {@link StateKey#operators}), sorted, no repeats.
 * More than two thirds of them must approve a relay.
 */
public record OperatorSet(List<Ed25519PublicKey> operators) {
    public static final int MAX_OPERATORS = 255;

    public OperatorSet {
        operators = operators.stream().sorted().distinct().toList();
        if (operators.size() > MAX_OPERATORS) throw new IllegalArgumentException("at most 255 operators");
    }

    /** Whether {@code approvals} distinct operators are more than two thirds of the set. */
    public boolean isSupermajority(int approvals) {
        return !operators.isEmpty() && 3L * approvals > 2L * operators.size();
    }

    public byte[] encode() {
        BinaryWriter out = new BinaryWriter(2 + 32 * operators.size()).u8(StateKey.OPERATORS).u8(operators.size());
        operators.forEach(out::key);
        return out.toByteArray();
    }

    public static OperatorSet decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.OPERATORS, "operator set");
        int count = in.u8("operator count");
        List<Ed25519PublicKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Ed25519PublicKey key = in.key("operator " + i);
            if (!keys.isEmpty() && keys.get(keys.size() - 1).compareTo(key) >= 0) {
                throw new DecodeException(Reason.NOT_CANONICAL, "Operator keys must be sorted without repeats.");
            }
            keys.add(key);
        }
        in.finish("The operator set");
        return new OperatorSet(keys);
    }
}
