package org.healthwallet.app.ui.family;

import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.core.family.FamilyException;
import org.healthwallet.core.share.ShareException;

/**
 * What the family pages say when an action fails: wallet-core's refusals of caregiving (the ledger
 * refused, an invitation for someone else, a scope not allowed) and of sharing are written for the
 * patient and shown as they are; anything else is a bug, logged, with a short line.
 */
final class Refusals {
    private Refusals() {}

    static UserText describe(Failures failures, String context, Throwable failure) {
        if (failure instanceof FamilyException || failure instanceof ShareException) {
            return UserText.literal(failure.getMessage());
        }
        return failures.describe(context, failure);
    }
}
