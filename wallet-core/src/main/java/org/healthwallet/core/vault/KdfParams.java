package org.healthwallet.core.vault;

/**
 * Argon2id cost parameters. They are stored beside the wrapped master key so they can be raised
 * later without breaking old vaults.
 *
 * @param memoryKib memory in KiB
 * @param iterations passes over memory
 * @param parallelism lanes
 */
public record KdfParams(int memoryKib, int iterations, int parallelism) {
    /** About half a second on a 2-core laptop of 2026: 128 MiB, t=3, p=1. */
    public static final KdfParams DEFAULT = new KdfParams(128 * 1024, 3, 1);

    public KdfParams {
        if (memoryKib < 8 || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id parameters out of range");
        }
    }
}
