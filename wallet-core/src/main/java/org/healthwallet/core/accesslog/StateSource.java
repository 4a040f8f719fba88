package org.healthwallet.core.accesslog;

import org.healthwallet.core.ledger.LedgerException;
import org.healthwallet.core.ledger.LedgerState;
import org.healthwallet.ledger.state.StateKey;

/**
 * Where proven ledger state comes from: {@link LedgerState#read} in the wallet ({@code
 * verifiedState::read}). A read that returns was proven against a light-client-verified header.
 */
@FunctionalInterface
public interface StateSource {
    LedgerState.Read read(StateKey key) throws LedgerException;
}
