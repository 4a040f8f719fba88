/**
 * The wallet's cryptography, each piece a small function over bytes: the BIP-39 recovery phrase
 * ({@link org.healthwallet.core.crypto.MnemonicCode}), key derivation from the root secret
 * ({@link org.healthwallet.core.crypto.KeyHierarchy}, HKDF-SHA256), the passphrase key
 * ({@link org.healthwallet.core.crypto.Argon2id}), sealing with AES-256-GCM
 * ({@link org.healthwallet.core.crypto.AesGcmKey}) and the Ed25519 identity
 * ({@link org.healthwallet.core.crypto.IdentityKey}). Knows nothing of files or records.
 */
package org.healthwallet.core.crypto;
