/**
 * The light client around the verifier: providers that fetch light blocks, the store that
 * remembers verified ones, bisection, and the witness cross-check that turns a conflict into
 * attack evidence.
 */
package org.healthwallet.ledger.client;
