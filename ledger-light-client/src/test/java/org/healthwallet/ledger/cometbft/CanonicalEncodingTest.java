package org.healthwallet.ledger.cometbft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte vectors re-typed from CometBFT's Go tests (v0.38.25) and checked against our encoder. */
class CanonicalEncodingTest {
    private static final Instant GO_ZERO = CommitSig.GO_ZERO_TIME;

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static final byte[] ZERO_TIME = bytes(0x2a, 0xb, 0x8, 0x80, 0x92, 0xb8, 0xc3, 0x98, 0xfe, 0xff, 0xff, 0xff, 0x1);
    private static final byte[] ONE = bytes(0x1, 0, 0, 0, 0, 0, 0, 0);

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // cometbft types/vote_test.go TestVoteSignBytesTestVectors, case 0: empty vote, empty chain id.
    @Test
    void emptyVoteLeavesOutHeightAndRound() {
        byte[] got = CanonicalEncoding.voteSignBytes(VoteType.UNKNOWN, "", 0, 0, BlockId.EMPTY, GO_ZERO);
        assertThat(got).isEqualTo(concat(bytes(0xd), ZERO_TIME));
    }

    // ... case 1: precommit at height 1 round 1.
    @Test
    void precommitWithFixedSizeHeightAndRound() {
        byte[] got = CanonicalEncoding.voteSignBytes("", 1, 1, BlockId.EMPTY, GO_ZERO);
        assertThat(got).isEqualTo(concat(bytes(0x21, 0x8, 0x2, 0x11), ONE, bytes(0x19), ONE, ZERO_TIME));
    }

    // ... case 2: prevote at height 1 round 1.
    @Test
    void prevote() {
        byte[] got = CanonicalEncoding.voteSignBytes(VoteType.PREVOTE, "", 1, 1, BlockId.EMPTY, GO_ZERO);
        assertThat(got).isEqualTo(concat(bytes(0x21, 0x8, 0x1, 0x11), ONE, bytes(0x19), ONE, ZERO_TIME));
    }

    // ... case 3 (no type) and case 4 (chain id "test_chain_id").
    @Test
    void chainIdIsTheLastField() {
        assertThat(CanonicalEncoding.voteSignBytes(VoteType.UNKNOWN, "", 1, 1, BlockId.EMPTY, GO_ZERO))
                .isEqualTo(concat(bytes(0x1f, 0x11), ONE, bytes(0x19), ONE, ZERO_TIME));
        byte[] chain = "test_chain_id".getBytes(StandardCharsets.US_ASCII);
        assertThat(CanonicalEncoding.voteSignBytes(VoteType.UNKNOWN, "test_chain_id", 1, 1, BlockId.EMPTY, GO_ZERO))
                .isEqualTo(concat(bytes(0x2e, 0x11), ONE, bytes(0x19), ONE, ZERO_TIME, bytes(0x32, 0xd), chain));
    }

    @Test
    void anEmptyBlockIdIsStillWrittenWithItsPartSetHeader() {
        assertThat(CanonicalEncoding.blockId(BlockId.EMPTY)).isEqualTo(bytes(0x12, 0x00));
    }

    @Test
    void roundZeroIsOmittedAndBlockIdIsWrittenWithItsPartSetHeader() {
        BlockId id = new BlockId(Bytes.of(new byte[32]), new PartSetHeader(1, Bytes.of(new byte[32])));
        byte[] got = CanonicalEncoding.voteSignBytes("c", 5, 0, id, Instant.ofEpochSecond(1, 2));
        String hex = HexFormat.of().formatHex(got);
        // length, type 2, sfixed64 height 5, no round, block id (hash, part set header), time, chain id
        assertThat(hex).isEqualTo("5e" + "0802" + "110500000000000000"
                + "2248" + "0a20" + "00".repeat(32) + "1224" + "0801" + "1220" + "00".repeat(32)
                + "2a04" + "08011002" + "3201" + "63");
    }

    // cometbft types/block_test.go TestHeaderHash "Generates expected hash".
    @Test
    void headerHashMatchesGoVector() {
        Header h = Header.builder()
                .version(new ProtocolVersion(1, 2))
                .chainId("chainId")
                .height(3)
                .time(Instant.parse("2019-10-13T16:14:44Z"))
                .lastBlockId(new BlockId(Bytes.of(new byte[32]), new PartSetHeader(6, Bytes.of(new byte[32]))))
                .lastCommitHash(sha("last_commit_hash"))
                .dataHash(sha("data_hash"))
                .validatorsHash(sha("validators_hash"))
                .nextValidatorsHash(sha("next_validators_hash"))
                .consensusHash(sha("consensus_hash"))
                .appHash(sha("app_hash"))
                .lastResultsHash(sha("last_results_hash"))
                .evidenceHash(sha("evidence_hash"))
                .proposerAddress(Bytes.of(Arrays.copyOf(sha("proposer_address").toArray(), 20)))
                .build();
        assertThat(h.hash().hex()).isEqualTo("F740121F553B5418C3EFBD343C2DBFE9E007BB67B0D020A0741374BAB65242A4");
        // ... "nil ValidatorsHash yields nil"
        assertThat(h.toBuilder().validatorsHash(Bytes.EMPTY).build().hash().isEmpty()).isTrue();
    }

    // cometbft crypto/merkle/tree_test.go TestHashFromByteSlices.
    @Test
    void merkleVectors() {
        assertThat(Merkle.root(List.of()).hex().toLowerCase())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Merkle.root(List.of(bytes(1, 2, 3))).hex().toLowerCase())
                .isEqualTo("054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8");
        assertThat(Merkle.root(List.of(new byte[0])).hex().toLowerCase())
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(Merkle.root(List.of(bytes(1, 2, 3), bytes(4, 5, 6))).hex().toLowerCase())
                .isEqualTo("82e6cfce00453804379b53962939eaa7906b39904be0813fcadd31b100773c4b");
        assertThat(Merkle.root(List.of(bytes(1, 2), bytes(3, 4), bytes(5, 6), bytes(7, 8), bytes(9, 10))).hex().toLowerCase())
                .isEqualTo("f326493eceab4f2d9ffbc78c59432a0a005d6ea98392045c74df5d14a113be18");
    }

    // cometbft types/validator_set_test.go TestValidatorSetBasic: the empty set hashes to SHA-256 of nothing.
    @Test
    void emptyValidatorSetHash() {
        assertThat(ValidatorSet.of(List.of()).hash().hex())
                .isEqualTo("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
    }

    @Test
    void splitPointIsLargestPowerOfTwoBelow() {
        assertThat(Merkle.splitPoint(2)).isEqualTo(1);
        assertThat(Merkle.splitPoint(3)).isEqualTo(2);
        assertThat(Merkle.splitPoint(4)).isEqualTo(2);
        assertThat(Merkle.splitPoint(5)).isEqualTo(4);
        assertThat(Merkle.splitPoint(14)).isEqualTo(8);
    }

    @Test
    void addressIsFirstTwentyBytesOfSha256OfKey() {
        Ed25519PublicKey key = Ed25519PublicKey.of(Bytes.fromBase64("bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0="));
        // the genesis validator of the v0.38 fixtures
        assertThat(key.address().hex()).isEqualTo("2DD9F44FD9067555C322243C3C913BA7B51D2BE0");
    }

    @Test
    void consensusHashOfTheFixtureParams() {
        // genesis.json: block max_bytes 22020096, max_gas -1; header consensus_hash 048091BC…A22F
        assertThat(BlockHashes.consensusHash(22020096, -1).hex())
                .isEqualTo("048091BC7DDC283F77BFBF91D73C44DA58C3DF8A9CBC867405D8B7F3DAADA22F");
        assertThat(BlockHashes.dataHash(List.of()).hex())
                .isEqualTo("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
    }

    private static Bytes sha(String s) {
        return Merkle.sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
