package org.healthwallet.ledger.state;

import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/** Every state value starts with the prefix byte of its key, so a value cannot pass for another type. */
final class ValueTag {
    private ValueTag() {
    }

    static BinaryReader open(byte[] bytes, int tag, String what) throws DecodeException {
        BinaryReader in = new BinaryReader(bytes);
        int found = in.u8(what + " tag");
        if (found != tag) {
            throw new DecodeException(Reason.UNKNOWN_KIND, "These bytes are not a " + what + " (tag " + found + ", expected " + tag + ").");
        }
        return in;
    }
}
