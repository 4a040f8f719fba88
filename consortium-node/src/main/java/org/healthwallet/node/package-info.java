/** The consortium's side: ledger state machine, ABCI server, relay, dev network. */
package org.healthwallet.node;
