package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.RelayApproval;
import org.healthwallet.ledger.tx.RelayRegistered;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;

/**
 * A relay's admission to the ledger: a {@code RelayRegistered} transaction signed by the relay's key
 * and approved by more than two thirds of the consortium's operator keys. Only a registered relay
 * may write access records, so a relay registers before it serves. On the dev network the operator
 * keys are at hand ({@code DevNetwork.operatorKeys()}); a real consortium's operators each sign
 * {@link #admissionHash} and hand over their approval (see {@link #readApprovals}).
 */
public final class RelayRegistration {
    private RelayRegistration() {
    }

    /** The relay's record on the ledger, read with a verified proof; empty when it is not registered. */
    public static Optional<RelayRecord> registered(RelayServer relay) {
        StateKey key = StateKey.relay(relay.relayKey());
        try {
            Optional<byte[]> value = relay.verifiedState().read(List.of(key)).get(key);
            return value.isEmpty() ? Optional.empty() : Optional.of(RelayRecord.decode(value.get()));
        } catch (LedgerUnavailableException e) {
            throw new RelayStartException("The relay cannot check its registration on the ledger: " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new RelayStartException("The ledger's record of this relay cannot be read: " + e.getMessage(), e);
        }
    }

    /** What each operator signs to admit {@code relay} at {@code url} on chain {@code chainId}. */
    public static byte[] admissionHash(String chainId, Ed25519PublicKey relay, String url) {
        return RelayRegistered.admissionHash(chainId, relay, url);
    }

    /**
     * Registers the relay at its URL, unless the ledger already holds it with that URL, using
     * approvals signed here by the given operator keys (the dev network's, which are all known).
     */
    public static RelayRecord admitWithOperatorKeys(RelayServer relay, String chainId, List<SigningKey> operators) {
        String url = relay.url().toString();
        List<RelayApproval> approvals = operators.stream()
                .map(op -> RelayApproval.sign(chainId, op, relay.relayKey(), url)).toList();
        return admit(relay, chainId, approvals);
    }

    /**
     * Registers the relay at its URL with approvals the operators signed over {@link #admissionHash},
     * unless the ledger already holds it with that URL.
     *
     * @throws RelayStartException if the ledger refuses (too few or wrong approvals) or cannot be reached
     */
    public static RelayRecord admit(RelayServer relay, String chainId, List<RelayApproval> approvals) {
        String url = relay.url().toString();
        LedgerRpc rpc = LedgerRpc.create(relay.ledgerUrl(), relay.tuning().commitTimeout().plusSeconds(5));
        SigningKey key = relay.signingKey();
        try {
            // Asked without a proof: a node that lies here only makes the relay register again or
            // not at all, and an unregistered relay's access records are refused (503, nothing served).
            AbciQueryResult answer = rpc.query(List.of(StateKey.relay(key.publicKey())), false).get(0);
            if (!answer.value().isEmpty()) {
                RelayRecord existing = RelayRecord.decode(answer.value().toArray());
                if (existing.url().equals(url)) {
                    return existing;
                }
            }
            if (approvals.isEmpty()) {
                throw new RelayStartException("This relay (key " + key.publicKey() + ") is not registered on the ledger at "
                        + url + ", and no operator approvals were given.");
            }
            long nonce = committedNonce(rpc, key.publicKey()) + 1;
            Transaction tx = Transaction.sign(chainId, key, nonce, new RelayRegistered(key.publicKey(), url, approvals));
            LedgerRpc.Included result = rpc.broadcastAndWait(tx.encode());
            if (result.code() != 0) {
                throw new RelayStartException("The ledger refused to register this relay (code " + result.code() + "): "
                        + result.log());
            }
            return new RelayRecord(key.publicKey(), url, result.height());
        } catch (LedgerUnavailableException e) {
            throw new RelayStartException("The relay cannot register on the ledger: " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new RelayStartException("The ledger's record of this relay cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads operator approvals from a JSON file: {@code [{"operator": "<64 hex>", "signature": "<128 hex>"}, …]},
     * each the operator's Ed25519 signature over {@link #admissionHash}.
     */
    public static List<RelayApproval> readApprovals(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new RelayStartException("The approvals file " + file + " is larger than 64 KiB; it is not an approvals file.");
            }
            JsonNode root = ShareUpload.STRICT.readTree(Files.readAllBytes(file));
            if (root == null || !root.isArray() || root.isEmpty() || root.size() > RelayRegistered.MAX_APPROVALS) {
                throw new RelayStartException("The approvals file " + file + " must be a JSON array of 1 to "
                        + RelayRegistered.MAX_APPROVALS + " {\"operator\", \"signature\"} objects.");
            }
            List<RelayApproval> approvals = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                String operator = root.get(i).path("operator").asText("");
                String signature = root.get(i).path("signature").asText("");
                if (!operator.matches("[0-9a-fA-F]{64}") || !signature.matches("[0-9a-fA-F]{128}")) {
                    throw new RelayStartException("Approval " + i + " in " + file + " needs \"operator\" (64 hex digits)"
                            + " and \"signature\" (128 hex digits).");
                }
                approvals.add(new RelayApproval(Ed25519PublicKey.fromHex(operator), HexFormat.of().parseHex(signature)));
            }
            return approvals;
        } catch (IOException e) {
            throw new RelayStartException("Cannot read the approvals file " + file + ": " + e.getMessage(), e);
        }
    }

    private static long committedNonce(LedgerRpc rpc, Ed25519PublicKey key) throws LedgerUnavailableException {
        AbciQueryResult answer = rpc.query(List.of(StateKey.nonce(key)), false).get(0);
        if (answer.value().isEmpty()) {
            return 0;
        }
        try {
            return SignerNonce.decode(answer.value().toArray()).last();
        } catch (DecodeException e) {
            throw new LedgerUnavailableException("The ledger node answered the relay's nonce with something unreadable.", e);
        }
    }
}
