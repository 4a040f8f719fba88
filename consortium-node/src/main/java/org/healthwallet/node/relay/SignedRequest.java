package org.healthwallet.node.relay;

import org.healthwallet.ledger.relay.RelayRequestSignature;

/**
 * The relay's reading of a create or revoke request's signature headers. The format itself (header
 * names, what is signed, the allowed clock skew) is ledger-light-client's {@link RelayRequestSignature},
 * the same the wallet signs with (consortium-node never imports wallet-core); what is the relay's is
 * the answer: a missing or malformed header is a 401 naming it.
 */
final class SignedRequest {
    private SignedRequest() {}

    /** Headers as the HTTP layer hands them over (null when absent). */
    interface Headers {
        String get(String name);
    }

    /**
     * Reads the signature headers.
     *
     * @throws BadRequestException (status 401) naming what is missing or malformed
     */
    static RelayRequestSignature from(Headers headers) throws BadRequestException {
        try {
            return RelayRequestSignature.parse(headers::get);
        } catch (RelayRequestSignature.MalformedException e) {
            throw new BadRequestException(401, e.getMessage());
        }
    }
}
