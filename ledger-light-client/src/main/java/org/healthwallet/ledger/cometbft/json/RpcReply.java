package org.healthwallet.ledger.cometbft.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC 2.0 response from a CometBFT node: a result, or an error the node reported. */
public sealed interface RpcReply {
    record Result(JsonNode result) implements RpcReply {
    }

    /** CometBFT's error object; {@code data} holds the useful text ("height 20 must be less than…"). */
    record Error(long code, String message, String data) implements RpcReply {
        public String describe() {
            return data.isEmpty() ? message + " (" + code + ")" : message + ": " + data + " (" + code + ")";
        }
    }
}
