package org.healthwallet.core.family;

import org.healthwallet.core.share.ShareException;
import org.healthwallet.core.share.ShareLink;

/**
 * Fetches the content behind a caregiver's copy link through the relay (which logs the fetch on
 * the ledger first, as every access). {@code ShlReceiver} does it over HTTP.
 */
@FunctionalInterface
public interface CopyFetcher {
    /** The decrypted content of the link's first file (a FHIR Bundle). */
    byte[] fetch(ShareLink link, String recipient) throws ShareException;
}
