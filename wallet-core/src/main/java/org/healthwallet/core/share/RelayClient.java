package org.healthwallet.core.share;

/**
 * The wallet's side of a share relay: create a share from a signed request, revoke one, replace
 * the files of a long-term one. The relay
 * never sees the key, the label or anything in clear; see docs/relay-api.md for the protocol.
 * {@link HttpRelayClient} speaks it over HTTP.
 */
public interface RelayClient {
    /** Stores the encrypted files of a signed create request ({@code Action.CREATE}). */
    CreatedShare create(SignedRelayRequest request) throws RelayException;

    /**
     * Deletes a share for a signed revoke request ({@code Action.REVOKE}). A share the relay no
     * longer knows (already revoked, expired and purged) is not an error: it is gone either way.
     */
    void revoke(SignedRelayRequest request) throws RelayException;

    /**
     * Replaces the files of a long-term (flag L) share for a signed update request
     * ({@code Action.UPDATE}), e.g. a caregiver's copy after an import. The relay refuses a share
     * that is unknown, another key's, not long-term, revoked or expired, changing nothing.
     */
    void update(SignedRelayRequest request) throws RelayException;
}
