package org.healthwallet.ledger.cometbft;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The protobuf encodings CometBFT hashes and signs, byte for byte as Go writes them. protobuf-java
 * cannot be used for these: it leaves out what Go always writes (an empty BlockID's part set
 * header, {@code 12 00}) and has no notion of Go's cdcEncode wrappers.
 */
public final class CanonicalEncoding {
    private CanonicalEncoding() {
    }

    /**
     * The bytes a validator signs for a precommit: CanonicalVote (type, sfixed64 height, sfixed64
     * round, CanonicalBlockID unless the vote is for nil, timestamp, chain id), prefixed with its
     * uvarint length.
     */
    public static byte[] voteSignBytes(String chainId, long height, int round, BlockId blockId, Instant time) {
        return voteSignBytes(VoteType.PRECOMMIT, chainId, height, round, blockId, time);
    }

    /** As above for any vote type (prevotes use the same layout). */
    public static byte[] voteSignBytes(VoteType type, String chainId, long height, int round,
                                       BlockId blockId, Instant time) {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(time, "time");
        ProtoWriter vote = new ProtoWriter(160)
                .varintField(1, type.code())
                .sfixed64Field(2, height)
                .sfixed64Field(3, round);
        if (!blockId.isZero()) {
            vote.messageField(4, canonicalBlockId(blockId));
        }
        return vote.messageField(5, ProtoWriter.timestamp(time))
                .stringField(6, chainId)
                .toDelimitedByteArray();
    }

    private static byte[] canonicalBlockId(BlockId id) {
        return new ProtoWriter(80)
                .bytesField(1, id.hash())
                .messageField(2, partSetHeader(id.partSetHeader()))
                .toByteArray();
    }

    private static byte[] partSetHeader(PartSetHeader psh) {
        return new ProtoWriter(40).varintField(1, psh.total()).bytesField(2, psh.hash()).toByteArray();
    }

    /** The BlockID message (hash, and the part set header that Go always writes). */
    public static byte[] blockId(BlockId id) {
        return canonicalBlockId(id);
    }

    /** google.protobuf.Timestamp as Go's StdTimeMarshal writes it. */
    public static byte[] timestamp(Instant time) {
        return ProtoWriter.timestamp(time);
    }

    /** The fourteen leaves of the header hash, in field order, each encoded as Go's Header.Hash does. */
    public static List<byte[]> headerFields(Header h) {
        byte[] version = new ProtoWriter(24)
                .varintField(1, h.version().block())
                .varintField(2, h.version().app())
                .toByteArray();
        return List.of(
                version,
                cdcString(h.chainId()),
                cdcInt64(h.height()),
                ProtoWriter.timestamp(h.time()),
                blockId(h.lastBlockId()),
                cdcBytes(h.lastCommitHash()),
                cdcBytes(h.dataHash()),
                cdcBytes(h.validatorsHash()),
                cdcBytes(h.nextValidatorsHash()),
                cdcBytes(h.consensusHash()),
                cdcBytes(h.appHash()),
                cdcBytes(h.lastResultsHash()),
                cdcBytes(h.evidenceHash()),
                cdcBytes(h.proposerAddress()));
    }

    /** Go's cdcEncode(string): a StringValue wrapper, nothing at all for the empty string. */
    static byte[] cdcString(String value) {
        return new ProtoWriter(value.length() + 4).stringField(1, value).toByteArray();
    }

    /** Go's cdcEncode(int64): an Int64Value wrapper, nothing for zero. */
    static byte[] cdcInt64(long value) {
        return new ProtoWriter(12).varintField(1, value).toByteArray();
    }

    /** Go's cdcEncode(HexBytes): a BytesValue wrapper, nothing for empty bytes. */
    static byte[] cdcBytes(Bytes value) {
        return new ProtoWriter(value.length() + 4).bytesField(1, value).toByteArray();
    }

    /** SimpleValidator: the public key (PublicKey oneof, ed25519 = 1) and the voting power. */
    public static byte[] simpleValidator(Validator v) {
        byte[] publicKey = new ProtoWriter(36).bytesField(1, v.pubKey().bytes()).toByteArray();
        return new ProtoWriter(48).messageField(1, publicKey).varintField(2, v.votingPower()).toByteArray();
    }

    /** The CommitSig message (flag, address, timestamp always written, signature). */
    public static byte[] commitSig(CommitSig sig) {
        return new ProtoWriter(112)
                .varintField(1, sig.flag().code())
                .bytesField(2, sig.validatorAddress())
                .messageField(3, ProtoWriter.timestamp(sig.timestamp()))
                .bytesField(4, sig.signature())
                .toByteArray();
    }
}
