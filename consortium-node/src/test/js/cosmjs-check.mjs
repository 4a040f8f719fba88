// Connects to a CometBFT RPC endpoint with @cosmjs/tendermint-rpc, reads status, a block, a
// commit and the validators, broadcasts the given transaction and waits for it in a block.
// Usage: node cosmjs-check.mjs <rpc url> <transaction as base64>
// Prints one JSON line with what the client decoded; exits 1 with the client's error otherwise.
import { connectComet } from "@cosmjs/tendermint-rpc";

const [url, txBase64] = process.argv.slice(2);
if (!url || !txBase64) {
  console.error("usage: node cosmjs-check.mjs <rpc url> <tx base64>");
  process.exit(2);
}
const hex = (bytes) => Buffer.from(bytes).toString("hex").toUpperCase();

try {
  const client = await connectComet(url);
  const status = await client.status();
  const height = status.syncInfo.latestBlockHeight;
  const block = await client.block(height);
  const commit = await client.commit(height);
  const validators = await client.validatorsAll(height);
  const broadcast = await client.broadcastTxSync({ tx: Buffer.from(txBase64, "base64") });
  let included = null;
  for (let i = 0; i < 100 && included === null; i++) {
    try {
      included = await client.tx({ hash: broadcast.hash });
    } catch (e) {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  console.log(JSON.stringify({
    client: client.constructor.name,
    status: {
      network: status.nodeInfo.network,
      version: status.nodeInfo.version,
      height,
      latestBlockHash: hex(status.syncInfo.latestBlockHash),
      validator: hex(status.validatorInfo.address),
    },
    block: {
      height: block.block.header.height,
      hash: hex(block.blockId.hash),
      lastCommitHeight: block.block.lastCommit ? block.block.lastCommit.height : null,
      time: block.block.header.time.toISOString(),
    },
    commit: {
      height: commit.header.height,
      blockHash: hex(commit.commit.blockId.hash),
      signatures: commit.commit.signatures.length,
    },
    validators: { total: validators.total, count: validators.validators.length },
    broadcast: { code: broadcast.code, hash: hex(broadcast.hash) },
    tx: included === null ? null : { height: included.height, code: included.result.code },
  }));
  client.disconnect();
} catch (e) {
  console.error("cosmjs failed: " + (e && e.stack ? e.stack : e));
  process.exit(1);
}
