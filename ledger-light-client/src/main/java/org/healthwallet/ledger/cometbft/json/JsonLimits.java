package org.healthwallet.ledger.cometbft.json;

/**
 * Bounds on a JSON document read from a server or a file, so hostile input ends in a
 * {@link ParseException} instead of exhausting memory or time.
 *
 * @param maxDocumentBytes the largest document read at all
 * @param maxStringLength  the longest string (a base64 transaction is the longest thing expected)
 * @param maxArrayLength   the longest array (validator lists are bounded further where they are read)
 * @param maxValues        values in the whole document (objects, arrays and scalars)
 * @param maxDepth         nesting depth (CometBFT answers nest about eight deep)
 */
public record JsonLimits(long maxDocumentBytes, int maxStringLength, int maxArrayLength, int maxValues, int maxDepth) {
    /** For RPC answers and light block files: 16 MiB, strings up to 8 MiB, 100,000 array items. */
    public static final JsonLimits DEFAULT = new JsonLimits(16L << 20, 8 << 20, 100_000, 1_000_000, 32);

    public JsonLimits {
        if (maxDocumentBytes <= 0 || maxStringLength <= 0 || maxArrayLength <= 0 || maxValues <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }
}
