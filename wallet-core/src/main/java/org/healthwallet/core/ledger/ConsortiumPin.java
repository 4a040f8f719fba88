package org.healthwallet.core.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.ConsortiumConfigException;

/**
 * What differs between the consortium file a wallet pinned and the one it is given now, in words:
 * the trust root and the nodes it asks are what a swapped file would change to make the wallet
 * trust another chain or ask only the swapper's nodes.
 */
final class ConsortiumPin {
    private ConsortiumPin() {}

    /** "" when {@code now} is the pinned configuration; else each change, separated by "; ". */
    static String changes(String pinnedJson, ConsortiumConfig now) {
        ConsortiumConfig pinned;
        try {
            pinned = ConsortiumConfig.parse(pinnedJson.getBytes(StandardCharsets.UTF_8));
        } catch (ConsortiumConfigException e) {
            return "the pinned copy cannot be read (" + e.getMessage() + ")";
        }
        List<String> changes = new ArrayList<>();
        if (!pinned.chainId().equals(now.chainId())) {
            changes.add("its chain changed from \"" + pinned.chainId() + "\" to \"" + now.chainId() + "\"");
        }
        if (!pinned.checkpoint().equals(now.checkpoint())) {
            changes.add("its checkpoint changed from height " + pinned.checkpoint().height() + " ("
                    + pinned.checkpoint().headerHash().hex() + ") to height " + now.checkpoint().height() + " ("
                    + now.checkpoint().headerHash().hex() + ")");
        }
        if (!pinned.primary().equals(now.primary())) {
            changes.add("its primary node changed from " + pinned.primary() + " to " + now.primary());
        }
        if (!pinned.witnesses().equals(now.witnesses())) {
            changes.add("its witnesses changed from " + pinned.witnesses() + " to " + now.witnesses());
        }
        if (!pinned.relay().equals(now.relay())) {
            changes.add("its relay changed from " + pinned.relay().map(Object::toString).orElse("none") + " to "
                    + now.relay().map(Object::toString).orElse("none"));
        }
        return String.join("; ", changes);
    }
}
