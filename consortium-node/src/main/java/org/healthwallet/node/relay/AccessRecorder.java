package org.healthwallet.node.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.healthwallet.ledger.client.ProvenReadException;
import org.healthwallet.ledger.client.ProvenState;
import org.healthwallet.ledger.cometbft.json.AbciQueryResult;
import org.healthwallet.ledger.state.SignerNonce;
import org.healthwallet.ledger.state.StateKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.ledger.tx.Transaction;
import org.healthwallet.node.ledger.TxCode;

/**
 * Writes the relay's access records to the ledger and tells each caller when its record is
 * committed: no log, no data. Many requests share a block: one thread takes everything that waits,
 * signs it with consecutive nonces and sends it as JSON-RPC batches of {@code broadcast_tx_sync}
 * (CheckTx in nonce order, which concurrent {@code broadcast_tx_commit} calls could not promise), so
 * the records wait in the mempool together and go into the same block; between sends it watches
 * the relay's nonce in the committed state. A committed nonce n proves that every transaction of
 * this relay up to n executed with code 0 (a failed transaction does not advance the nonce, and
 * each nonce has one live transaction: a later one is signed again only once the earlier is known
 * dead). The node's word is only a hint of when to look: a record counts as written once the nonce
 * is read with a proof against a verified header, fresh ({@link ProvenState}), so a node that
 * fabricates the broadcast answer and the nonce gets nothing served. One proven read per round
 * confirms every record up to it, so many records of a block share one. A record the ledger refuses (grant revoked or expired since the relay looked) is a
 * {@link Outcome.Refused}; a ledger that does not answer or commit in time is {@link Outcome.Unavailable}.
 */
final class AccessRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccessRecorder.class.getName());
    /** Blocks after its broadcast before a missing transaction is looked up, then considered dropped. */
    private static final int BLOCKS_BEFORE_LOOKUP = 2;
    private static final int BLOCKS_BEFORE_DROPPED = 4;
    private static final int MAX_SUBMISSIONS = 6;
    /** Records sent before the committed nonce is read again; CometBFT's mempool and block limits are far above this. */
    private static final int MAX_ROUND = 2000;

    /** How an access record ended. */
    sealed interface Outcome {
        record Recorded() implements Outcome {
        }

        /** The ledger refused the record; {@code code} is its {@link TxCode}. */
        record Refused(long code, String log) implements Outcome {
            boolean grantGone() {
                return code == TxCode.REVOKED.code() || code == TxCode.EXPIRED.code() || code == TxCode.NOT_FOUND.code();
            }
        }

        record Unavailable(String reason) implements Outcome {
        }
    }

    private static final class Pending {
        final AccessRecorded payload;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        final long deadline;
        int submissions;

        Pending(AccessRecorded payload, long deadline) {
            this.payload = payload;
            this.deadline = deadline;
        }
    }

    private record Sent(Pending pending, Digest hash, long knownHeight) {
    }

    private final LedgerRpc rpc;
    private final ProvenState proven;
    private final SigningKey key;
    private final String chainId;
    private final int batchSize;
    private final Duration commitTimeout;
    private final long pollNanos;
    private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
    private final TreeMap<Long, Sent> outstanding = new TreeMap<>();
    private final Thread worker;
    /** Called before each round of sending; a seam where tests inject a failure. */
    private final Runnable beforeSend;
    /** Told why, should the recorder stop without being closed: the relay then stops too. */
    private final java.util.function.Consumer<String> onStopped;
    private volatile boolean closed;
    /** The batch being sent (owned by the worker): failed if the round dies half-way. */
    private List<Pending> sending = List.of();
    // Owned by the worker thread.
    private long nextNonce;
    private long knownHeight;
    private long lookedUpAt;
    private long resyncNotBefore;

    /**
     * @param batchSize     transactions per JSON-RPC batch (CometBFT's default limit is 10)
     * @param commitTimeout how long a caller waits for its record to be committed
     * @param poll          how often the committed nonce is read while records wait
     */
    AccessRecorder(LedgerRpc rpc, ProvenState proven, SigningKey key, String chainId, int batchSize, Duration commitTimeout,
                   Duration poll) {
        this(rpc, proven, key, chainId, batchSize, commitTimeout, poll, reason -> { }, () -> { });
    }

    AccessRecorder(LedgerRpc rpc, ProvenState proven, SigningKey key, String chainId, int batchSize, Duration commitTimeout,
                   Duration poll, java.util.function.Consumer<String> onStopped, Runnable beforeSend) {
        this.beforeSend = beforeSend;
        this.onStopped = onStopped;
        this.rpc = rpc;
        this.proven = proven;
        this.key = key;
        this.chainId = chainId;
        this.batchSize = batchSize;
        this.commitTimeout = commitTimeout;
        this.pollNanos = poll.toNanos();
        this.worker = new Thread(this::run, "relay-access-recorder");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Records the access and waits until the ledger committed it, refused it, or could not be reached. */
    Outcome record(AccessRecorded access) {
        if (closed || !worker.isAlive()) {
            return new Outcome.Unavailable("the relay is stopping");
        }
        Pending pending = new Pending(access, System.nanoTime() + commitTimeout.toNanos());
        queue.addLast(pending);
        try {
            return pending.done.get(commitTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome.Unavailable("the ledger did not commit the access record in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unavailable("stopped while waiting for the ledger");
        } catch (ExecutionException e) {
            return new Outcome.Unavailable(String.valueOf(e.getCause().getMessage()));
        }
    }

    private void run() {
        try {
            loop();
        } finally {
            // Only a failure while recovering from a failure gets here. A relay that cannot record
            // serves nothing: it stops (onStopped) rather than answer 503 to every request while it looks alive.
            boolean unasked = !closed;
            closed = true;
            failQueued("the relay is stopping");
            failOutstanding("the relay is stopping");
            if (unasked) {
                onStopped.accept("the access recorder failed while recovering from a failure");
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (!queue.isEmpty() && System.nanoTime() >= resyncNotBefore) {
                    submitWaiting();
                }
                if (!outstanding.isEmpty()) {
                    confirm();
                }
                expireOverdue();
                idle();
            } catch (LedgerUnavailableException e) {
                failQueued(e.getMessage());
                expireOverdue();
                pause(Math.max(pollNanos, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (Throwable e) {
                // Any failure, an OutOfMemoryError included: what waits is refused, the nonce is read
                // again, and the thread goes on; a recorder that died would leave the relay answering
                // 503 to every request while it looked alive.
                sending.forEach(p -> p.done.complete(new Outcome.Unavailable("the relay could not write to the ledger")));
                sending = List.of();
                failQueued("the relay could not write to the ledger");
                failOutstanding("the relay could not write to the ledger");
                nextNonce = 0;
                LOG.log(System.Logger.Level.ERROR, "The access recorder failed; waiting records are refused: " + e);
                pause(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** Whether the recorder still writes records (false once closed or stopped). */
    boolean running() {
        return !closed && worker.isAlive();
    }

    /** Waits for new records (or until the next nonce reading is due) without spinning. */
    private void idle() {
        if (!queue.isEmpty() && System.nanoTime() >= resyncNotBefore) {
            return;
        }
        if (!queue.isEmpty()) {
            pause(pollNanos);
            return;
        }
        try {
            Pending next = queue.pollFirst(outstanding.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(100) : pollNanos,
                    TimeUnit.NANOSECONDS);
            if (next != null) {
                queue.addFirst(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Sends everything that waits (up to a bound), in batches of {@code batchSize}. */
    private void submitWaiting() throws LedgerUnavailableException {
        beforeSend.run();
        for (int sent = 0; sent < MAX_ROUND && !queue.isEmpty() && System.nanoTime() >= resyncNotBefore; sent += batchSize) {
            submit();
        }
    }

    private void submit() throws LedgerUnavailableException {
        if (nextNonce == 0) {
            long committed = committedNonce();
            nextNonce = Math.max(committed, outstanding.isEmpty() ? 0 : outstanding.lastKey()) + 1;
        }
        List<Pending> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize) {
            Pending p = queue.pollFirst();
            if (p == null) {
                break;
            }
            if (p.done.isDone()) {
                continue;
            }
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        sending = batch;
        List<byte[]> txs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).submissions++;
            txs.add(Transaction.sign(chainId, key, nextNonce + i, batch.get(i).payload).encode());
        }
        List<LedgerRpc.CheckResult> results;
        try {
            results = rpc.broadcast(txs);
            sending = List.of();
        } catch (LedgerUnavailableException e) {
            sending = List.of();
            // Some may have reached the mempool; the nonce is read again before the next batch.
            nextNonce = 0;
            batch.forEach(p -> p.done.complete(new Outcome.Unavailable(e.getMessage())));
            throw e;
        }
        long nonce = nextNonce;
        List<Pending> again = new ArrayList<>();
        boolean counterOff = false;
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            LedgerRpc.CheckResult r = results.get(i);
            if (r.ok()) {
                outstanding.put(nonce, new Sent(p, r.hash(), knownHeight));
                nonce++;
            } else if (r.code() == TxCode.BAD_NONCE.code()) {
                // Signed with a nonce after one that was refused, or the counter is off (a restart with
                // records of the previous run still waiting): sign it again.
                counterOff |= again.isEmpty() && i == firstRefusal(results);
                again.add(p);
            } else {
                p.done.complete(new Outcome.Refused(r.code(), r.log()));
            }
        }
        nextNonce = nonce;
        requeue(again);
        if (counterOff) {
            nextNonce = 0;
            resyncNotBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        }
    }

    private static int firstRefusal(List<LedgerRpc.CheckResult> results) {
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).ok()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads the committed nonce; once the node says it passed a waiting record, reads it again with a
     * proof: every record up to the proven nonce is committed, and a stuck one is looked up.
     */
    private void confirm() throws LedgerUnavailableException {
        long committed = committedNonce();
        if (committed >= outstanding.firstKey()) {
            long claimed = committed;
            committed = provenNonce();
            if (committed < claimed) {
                // The proven read comes after the node's word, so an honest node cannot have said more.
                String why = "The ledger node " + rpc.url() + " said the relay's nonce is " + claimed + ", but the proven"
                        + " state shows " + committed + ": its word is not believed (proven nonce check).";
                LOG.log(System.Logger.Level.WARNING, why + " Waiting access records are refused.");
                complete(committed);
                failOutstanding("the ledger node's answer about the access records was not proven");
                nextNonce = 0;
                return;
            }
        } else if (outstanding.firstKey() != committed + 1) {
            // Below a gap, the node's word is enough to sign again: only serving needs a proof.
            dropOutstanding(committed);
            return;
        } else {
            lookUpStuck(committed);
            return;
        }
        complete(committed);
        if (outstanding.isEmpty()) {
            return;
        }
        if (outstanding.firstKey() != committed + 1) {
            // A gap below our lowest: the transactions in it were dropped, so ours can never execute.
            dropOutstanding(committed);
            return;
        }
        lookUpStuck(committed);
    }

    /** Every outstanding record up to the proven {@code committed} nonce is written. */
    private void complete(long committed) {
        Iterator<Map.Entry<Long, Sent>> it = outstanding.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Sent> e = it.next();
            if (e.getKey() > committed) {
                break;
            }
            e.getValue().pending().done.complete(new Outcome.Recorded());
            it.remove();
        }
    }

    /** The lowest outstanding record, next after {@code committed}, when it waits too long: is it in a block, or dropped? */
    private void lookUpStuck(long committed) throws LedgerUnavailableException {
        Map.Entry<Long, Sent> lowest = outstanding.firstEntry();
        Sent sent = lowest.getValue();
        long blocks = knownHeight - sent.knownHeight();
        if (blocks < BLOCKS_BEFORE_LOOKUP || lookedUpAt == knownHeight) {
            return;
        }
        lookedUpAt = knownHeight;
        var included = rpc.tx(sent.hash());
        if (included.isPresent() && included.get().code() != 0) {
            outstanding.remove(lowest.getKey());
            sent.pending().done.complete(new Outcome.Refused(included.get().code(), included.get().log()));
            dropOutstanding(committed);
        } else if (included.isEmpty() && blocks >= BLOCKS_BEFORE_DROPPED) {
            // Not in a block and no longer waiting (the mempool's recheck dropped it, e.g. its grant
            // was revoked): everything after it is dead too. Signing again gets CheckTx's verdict.
            dropOutstanding(committed);
        }
    }

    /** Signs every outstanding record again, from the nonce after {@code committed}. */
    private void dropOutstanding(long committed) {
        List<Pending> again = new ArrayList<>();
        outstanding.values().forEach(s -> again.add(s.pending()));
        outstanding.clear();
        requeue(again);
        nextNonce = committed + 1;
    }

    private void requeue(List<Pending> again) {
        for (int i = again.size() - 1; i >= 0; i--) {
            Pending p = again.get(i);
            if (p.submissions >= MAX_SUBMISSIONS) {
                p.done.complete(new Outcome.Unavailable("the ledger kept refusing the relay's transaction order"));
            } else {
                queue.addFirst(p);
            }
        }
    }

    /** The committed nonce read with a proof against a verified header, and fresh; the only one that confirms a record. */
    private long provenNonce() throws LedgerUnavailableException {
        StateKey nonceKey = StateKey.nonce(key.publicKey());
        try {
            // Without waiting: a block that changed nothing (the one after the records' block, say) lets
            // its own header prove the nonce, instead of waiting up to an empty-block interval for the next.
            Optional<byte[]> value = proven.readWithoutWaiting(List.of(nonceKey)).get(nonceKey);
            return value.isEmpty() ? 0 : SignerNonce.decode(value.get()).last();
        } catch (ProvenReadException e) {
            LOG.log(System.Logger.Level.WARNING, "The relay's access records could not be confirmed: " + e.getMessage()
                    + " [check: " + e.check() + "]");
            throw new LedgerUnavailableException(e.getMessage(), e);
        } catch (DecodeException e) {
            throw new LedgerUnavailableException("The ledger holds the relay's nonce in a form it cannot read.", e);
        }
    }

    /** The node's word on the committed nonce (no proof): for signing the next records and knowing when to look. */
    private long committedNonce() throws LedgerUnavailableException {
        AbciQueryResult answer = rpc.query(List.of(StateKey.nonce(key.publicKey())), false).get(0);
        if (answer.code() != 0) {
            throw new LedgerUnavailableException("The ledger node refused to read the relay's nonce: " + answer.log());
        }
        knownHeight = Math.max(knownHeight, answer.height());
        if (answer.value().isEmpty()) {
            return 0;
        }
        try {
            return SignerNonce.decode(answer.value().toArray()).last();
        } catch (DecodeException e) {
            throw new LedgerUnavailableException("The ledger node answered the relay's nonce with something unreadable.", e);
        }
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        Iterator<Map.Entry<Long, Sent>> it = outstanding.entrySet().iterator();
        boolean expired = false;
        while (it.hasNext()) {
            Pending p = it.next().getValue().pending();
            if (now > p.deadline) {
                p.done.complete(new Outcome.Unavailable("the ledger did not commit the access record in time"));
                expired = true;
            }
        }
        if (expired) {
            // Whatever still waits behind an expired record cannot be told apart from it: refuse all,
            // and read the nonce again before signing anything new.
            failOutstanding("the ledger did not commit the access record in time");
            nextNonce = 0;
        }
        queue.removeIf(p -> {
            if (now > p.deadline) {
                p.done.complete(new Outcome.Unavailable("the ledger did not take the access record in time"));
                return true;
            }
            return false;
        });
    }

    private void failQueued(String reason) {
        Pending p;
        while ((p = queue.pollFirst()) != null) {
            p.done.complete(new Outcome.Unavailable(reason));
        }
    }

    private void failOutstanding(String reason) {
        outstanding.values().forEach(s -> s.pending().done.complete(new Outcome.Unavailable(reason)));
        outstanding.clear();
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued("the relay is stopping");
    }
}
