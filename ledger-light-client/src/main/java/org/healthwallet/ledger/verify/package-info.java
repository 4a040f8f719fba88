/**
 * The CometBFT light client verification as pure functions: a trusted and an untrusted light block
 * in, a {@link org.healthwallet.ledger.verify.Verdict} out.
 */
package org.healthwallet.ledger.verify;
