package org.healthwallet.ledger.cometbft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.healthwallet.ledger.cometbft.json.BlockResult;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.testing.SharedTestData;
import org.junit.jupiter.api.Test;

/** Real CometBFT v0.38 RPC answers (../shared/testdata/cometbft/rpc-v0.38) against our encoder. */
class RealFixturesTest {
    private static byte[] fixture(String name) {
        return SharedTestData.read("cometbft/rpc-v0.38/" + name).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void headerHashesToItsKnownHash() throws Exception {
        Header h = CometJsonParser.header(fixture("header_with_known_hash.json"));
        assertThat(h.hash().hex()).isEqualTo("F30A71F2409FB15AACAEDB6CC122DFA2525BEE9CAE521721B06BFDCA291B8D56");
    }

    @Test
    void commitAtHeightTenVerifiesWithTheGenesisValidator() throws Exception {
        CommitResult result = CometJsonParser.commit(fixture("commit_at_height_10.json"));
        Header header = result.signedHeader().header();
        Commit commit = result.signedHeader().commit();

        assertThat(header.hash().hex()).isEqualTo("00ECDAC463C201ECD4BDBBAAE4A53A4C80291D4051FD69ED97F6420CE1388BFE");
        assertThat(header.hash()).isEqualTo(commit.blockId().hash());

        List<Validator> genesis = CometJsonParser.genesisValidators(fixture("genesis.json"));
        ValidatorSet set = ValidatorSet.of(genesis);
        assertThat(set.hash()).isEqualTo(header.validatorsHash());
        assertThat(set.hash()).isEqualTo(header.nextValidatorsHash());
        assertThat(set.totalVotingPower()).isEqualTo(10);

        CommitSig sig = commit.signatures().get(0);
        Validator signer = set.byAddress(sig.validatorAddress()).orElseThrow();
        assertThat(signer.address().hex()).isEqualTo("2DD9F44FD9067555C322243C3C913BA7B51D2BE0");
        byte[] signBytes = commit.voteSignBytes(header.chainId(), 0);
        assertThat(signer.pubKey().verify(signBytes, sig.signature())).isTrue();

        // the same bytes from the public helper the dev network signs with
        assertThat(CanonicalEncoding.voteSignBytes(header.chainId(), 10, 0, commit.blockId(), sig.timestamp()))
                .isEqualTo(signBytes);
        // and one flipped bit in the time breaks it
        byte[] other = CanonicalEncoding.voteSignBytes(header.chainId(), 10, 0, commit.blockId(),
                sig.timestamp().plusNanos(1));
        assertThat(signer.pubKey().verify(other, sig.signature())).isFalse();
    }

    @Test
    void blockAtHeightTenCarriesTheSameHeaderAndTheCommitOfNine() throws Exception {
        BlockResult block = CometJsonParser.block(fixture("block_at_height_10.json"));
        assertThat(block.header().hash()).isEqualTo(block.blockId().hash());
        assertThat(block.lastCommit().height()).isEqualTo(9);
        assertThat(block.lastCommit().blockId()).isEqualTo(block.header().lastBlockId());
        // the last commit hash in header 10 is the hash of commit 9 (CommitSig protos, Merkle root)
        assertThat(block.lastCommit().hash()).isEqualTo(block.header().lastCommitHash());
        assertThat(BlockHashes.dataHash(List.of())).isEqualTo(block.header().dataHash());
        assertThat(BlockHashes.emptyEvidenceHash()).isEqualTo(block.header().evidenceHash());

        List<Validator> genesis = CometJsonParser.genesisValidators(fixture("genesis.json"));
        Validator v = genesis.get(0);
        CommitSig nine = block.lastCommit().signatures().get(0);
        assertThat(v.pubKey().verify(block.lastCommit().voteSignBytes("dockerchain", 0), nine.signature())).isTrue();
    }

    @Test
    void lastResultsHashOfAnEmptyBlockIsTheEmptyTree() throws Exception {
        Header h = CometJsonParser.header(fixture("header_with_known_hash.json"));
        assertThat(BlockHashes.lastResultsHash(List.of())).isEqualTo(h.lastResultsHash());
    }
}
