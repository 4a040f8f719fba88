package org.healthwallet.ledger.cometbft;

/** What a commit signature says about its validator: absent, signed the block, or voted nil. */
public enum BlockIdFlag {
    ABSENT(1), COMMIT(2), NIL(3);

    private final int code;

    BlockIdFlag(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code CometBFT does not define */
    public static BlockIdFlag ofCode(long code) {
        for (BlockIdFlag f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown block id flag " + code + " (expected 1, 2 or 3)");
    }
}
