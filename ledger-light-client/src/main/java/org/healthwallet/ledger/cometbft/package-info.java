/**
 * CometBFT v0.38 block formats (headers, commits, validator sets, light blocks) and the canonical
 * protobuf encoding Go hashes and signs, byte for byte. See docs/light-client.md.
 */
package org.healthwallet.ledger.cometbft;
