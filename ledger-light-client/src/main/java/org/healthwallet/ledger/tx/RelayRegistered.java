package org.healthwallet.ledger.tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * Admits a relay (its key and public URL) to write access records. Signed by the relay's own key
 * and carrying approvals of more than two thirds of the consortium's operator keys. Approvals are
 * sorted by operator key with no repeats, so the encoding is canonical.
 */
public record RelayRegistered(Ed25519PublicKey relay, String url, List<RelayApproval> approvals) implements Payload {
    public static final int MAX_URL_BYTES = 512;
    public static final int MAX_APPROVALS = 64;

    public RelayRegistered {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(url, "url");
        approvals = approvals.stream().sorted(Comparator.comparing(RelayApproval::operator)).toList();
        int length = url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_URL_BYTES) throw new IllegalArgumentException("url must be 1 to 512 bytes");
        if (approvals.isEmpty() || approvals.size() > MAX_APPROVALS) {
            throw new IllegalArgumentException("1 to " + MAX_APPROVALS + " approvals");
        }
        for (int i = 1; i < approvals.size(); i++) {
            if (approvals.get(i).operator().equals(approvals.get(i - 1).operator())) {
                throw new IllegalArgumentException("operator " + approvals.get(i).operator() + " approves twice");
            }
        }
    }

    /** What each operator signs: {@code RELAY_ADMISSION(chainId, relay || u16 len(url) || url)}. */
    public static byte[] admissionHash(String chainId, Ed25519PublicKey relay, String url) {
        byte[] body = new BinaryWriter(64 + url.length()).key(relay).text(url).toByteArray();
        return SigningDomain.RELAY_ADMISSION.hash(chainId, body);
    }

    @Override
    public TxKind kind() {
        return TxKind.RELAY_REGISTERED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.key(relay).text(url).u8(approvals.size());
        for (RelayApproval approval : approvals) out.key(approval.operator()).raw(approval.signature());
    }

    static RelayRegistered read(BinaryReader in) throws DecodeException {
        Ed25519PublicKey relay = in.key("relay key");
        String url = in.text("relay url", 1, MAX_URL_BYTES);
        int count = in.u8("approval count");
        if (count == 0 || count > MAX_APPROVALS) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "approval count is " + count + "; it must be 1 to " + MAX_APPROVALS + ".");
        }
        List<RelayApproval> approvals = new ArrayList<>(count);
        Ed25519PublicKey previous = null;
        for (int i = 0; i < count; i++) {
            Ed25519PublicKey operator = in.key("approving operator " + i);
            if (previous != null && previous.compareTo(operator) >= 0) {
                throw new DecodeException(Reason.NOT_CANONICAL,
                        "approvals must be sorted by operator key without repeats (approval " + i + " is out of order).");
            }
            previous = operator;
            approvals.add(new RelayApproval(operator, in.raw(64, "approval signature " + i)));
        }
        return new RelayRegistered(relay, url, approvals);
    }
}
