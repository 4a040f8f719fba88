/**
 * CometBFT's JSON-RPC answers, read with bounds against hostile input and written the way CometBFT
 * writes them. Problems are {@link org.healthwallet.ledger.cometbft.json.ParseException}s that name
 * the JSON path.
 */
package org.healthwallet.ledger.cometbft.json;
