package org.healthwallet.ledger.cometbft.json;

import java.util.List;
import org.healthwallet.ledger.cometbft.Validator;

/** One page of /validators: the validators on this page, how many that is, and the set's size. */
public record ValidatorsResult(long blockHeight, List<Validator> validators, int count, int total) {
    public ValidatorsResult {
        validators = List.copyOf(validators);
    }
}
