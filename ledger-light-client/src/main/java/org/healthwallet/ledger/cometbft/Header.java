package org.healthwallet.ledger.cometbft;

import java.time.Instant;
import java.util.Objects;

/**
 * A CometBFT block header, field for field. {@link #hash()} is CometBFT's header hash: the Merkle
 * root of the fourteen field encodings, so it equals the block id a real network commits.
 */
public record Header(
        ProtocolVersion version,
        String chainId,
        long height,
        Instant time,
        BlockId lastBlockId,
        Bytes lastCommitHash,
        Bytes dataHash,
        Bytes validatorsHash,
        Bytes nextValidatorsHash,
        Bytes consensusHash,
        Bytes appHash,
        Bytes lastResultsHash,
        Bytes evidenceHash,
        Bytes proposerAddress) {

    /** CometBFT's MaxChainIDLen. */
    public static final int MAX_CHAIN_ID_LENGTH = 50;

    public Header {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(lastBlockId, "lastBlockId");
        Objects.requireNonNull(lastCommitHash, "lastCommitHash");
        Objects.requireNonNull(dataHash, "dataHash");
        Objects.requireNonNull(validatorsHash, "validatorsHash");
        Objects.requireNonNull(nextValidatorsHash, "nextValidatorsHash");
        Objects.requireNonNull(consensusHash, "consensusHash");
        Objects.requireNonNull(appHash, "appHash");
        Objects.requireNonNull(lastResultsHash, "lastResultsHash");
        Objects.requireNonNull(evidenceHash, "evidenceHash");
        Objects.requireNonNull(proposerAddress, "proposerAddress");
    }

    /**
     * The header hash. Like Go, a header without a validators hash has no hash (empty bytes): it
     * cannot be valid.
     */
    public Bytes hash() {
        if (validatorsHash.isEmpty()) {
            return Bytes.EMPTY;
        }
        return Merkle.root(CanonicalEncoding.headerFields(this));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** For building headers field by field (the dev network, tests). Empty hashes by default. */
    public static final class Builder {
        private ProtocolVersion version = new ProtocolVersion(ProtocolVersion.BLOCK_PROTOCOL, 0);
        private String chainId = "";
        private long height;
        private Instant time = Instant.EPOCH;
        private BlockId lastBlockId = BlockId.EMPTY;
        private Bytes lastCommitHash = Bytes.EMPTY;
        private Bytes dataHash = Bytes.EMPTY;
        private Bytes validatorsHash = Bytes.EMPTY;
        private Bytes nextValidatorsHash = Bytes.EMPTY;
        private Bytes consensusHash = Bytes.EMPTY;
        private Bytes appHash = Bytes.EMPTY;
        private Bytes lastResultsHash = Bytes.EMPTY;
        private Bytes evidenceHash = Bytes.EMPTY;
        private Bytes proposerAddress = Bytes.EMPTY;

        private Builder() {
        }

        private Builder(Header h) {
            version = h.version;
            chainId = h.chainId;
            height = h.height;
            time = h.time;
            lastBlockId = h.lastBlockId;
            lastCommitHash = h.lastCommitHash;
            dataHash = h.dataHash;
            validatorsHash = h.validatorsHash;
            nextValidatorsHash = h.nextValidatorsHash;
            consensusHash = h.consensusHash;
            appHash = h.appHash;
            lastResultsHash = h.lastResultsHash;
            evidenceHash = h.evidenceHash;
            proposerAddress = h.proposerAddress;
        }

        public Builder version(ProtocolVersion v) { version = v; return this; }
        public Builder chainId(String v) { chainId = v; return this; }
        public Builder height(long v) { height = v; return this; }
        public Builder time(Instant v) { time = v; return this; }
        public Builder lastBlockId(BlockId v) { lastBlockId = v; return this; }
        public Builder lastCommitHash(Bytes v) { lastCommitHash = v; return this; }
        public Builder dataHash(Bytes v) { dataHash = v; return this; }
        public Builder validatorsHash(Bytes v) { validatorsHash = v; return this; }
        public Builder nextValidatorsHash(Bytes v) { nextValidatorsHash = v; return this; }
        public Builder consensusHash(Bytes v) { consensusHash = v; return this; }
        public Builder appHash(Bytes v) { appHash = v; return this; }
        public Builder lastResultsHash(Bytes v) { lastResultsHash = v; return this; }
        public Builder evidenceHash(Bytes v) { evidenceHash = v; return this; }
        public Builder proposerAddress(Bytes v) { proposerAddress = v; return this; }

        public Header build() {
            return new Header(version, chainId, height, time, lastBlockId, lastCommitHash, dataHash,
                    validatorsHash, nextValidatorsHash, consensusHash, appHash, lastResultsHash,
                    evidenceHash, proposerAddress);
        }
    }
}
