package org.healthwallet.core.ledger;

import java.util.Objects;
import org.healthwallet.ledger.client.LightClient;

/**
 * What to sync to and how.
 *
 * @param height 0 for the primary's newest block, else a height (below the verified ones it is
 *               verified backwards, by hash chain)
 * @param mode   skipping verification (bisection, the default) or every height in turn
 */
public record SyncRequest(long height, LightClient.Mode mode) {
    public static final SyncRequest LATEST = new SyncRequest(0, LightClient.Mode.SKIPPING);

    public SyncRequest {
        Objects.requireNonNull(mode, "mode");
        if (height < 0) {
            throw new IllegalArgumentException("Heights start at 1; " + height + " is not a height.");
        }
    }

    public static SyncRequest to(long height) {
        if (height < 1) {
            throw new IllegalArgumentException("Heights start at 1; " + height + " is not a height.");
        }
        return new SyncRequest(height, LightClient.Mode.SKIPPING);
    }

    public SyncRequest sequential() {
        return new SyncRequest(height, LightClient.Mode.SEQUENTIAL);
    }
}
