/**
 * The wallet's side of the consortium ledger: a light client ({@code ledger-light-client}) pointed at
 * the consortium a configuration names, reached over HTTP only, remembering what it verified in the
 * profile's vault file (public tables, each row sealed under a key of the wallet's), and reporting what a patient needs to know (how far the ledger is verified,
 * by whom, and whether anything is wrong). Nothing here knows the consortium node's code.
 */
package org.healthwallet.core.ledger;
