/** CometBFT ledger formats and their verification. */
package org.healthwallet.ledger;
