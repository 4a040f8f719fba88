package org.healthwallet.node.relay;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's connections, so that a slow client holds a thread for seconds, not forever. The JDK
 * server hands a connection to this executor once its first bytes arrive; a bounded pool of
 * threads takes it (beyond the bound the JDK server closes it at once). While a thread waits on the
 * client (for the request head, the body, or to take the answer) a deadline runs; when it passes, a
 * watchdog interrupts the thread, which closes the socket: the JDK server reads and writes
 * blocking NIO channels, and those close on interrupt. While the relay itself works (the store,
 * the ledger) nothing is interrupted; that work has its own timeouts.
 */
final class ConnectionGuard implements Executor, AutoCloseable {
    private static final long WATCH_MILLIS = 100;
    private static final long STACK_BYTES = 512 * 1024;

    enum Phase {
        /** Waiting for the request line and headers (until the handler is called). */
        HEAD,
        /** Reading the request body. */
        BODY,
        /** The relay works: never interrupted. */
        WORK,
        /** Writing the answer, or waiting for a refused body to be drained. */
        SEND,
        /** The exchange ended; the thread goes back to the pool. */
        DONE
    }

    /** One connection's current wait; the watchdog and its thread agree on it under its lock. */
    private static final class Slot {
        final Thread thread;
        Phase phase = Phase.HEAD;
        long deadline;
        boolean cut;

        Slot(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }
    }

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> current = new ThreadLocal<>();
    private final long headNanos;

    ConnectionGuard(int threads, Duration headTimeout) {
        this.headNanos = headTimeout.toNanos();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(Math.min(8, threads), threads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(null, r, "relay-http-" + count.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-connection-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::cutOverdue, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs one exchange of the JDK server; throws RejectedExecutionException when all threads are busy. */
    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Slot slot = new Slot(Thread.currentThread(), System.nanoTime() + headNanos);
            slots.add(slot);
            current.set(slot);
            try {
                exchange.run();
            } finally {
                synchronized (slot) {
                    slot.phase = Phase.DONE;
                }
                slots.remove(slot);
                current.remove();
                Thread.interrupted();
            }
        });
    }

    /**
     * The current thread now waits on the client for at most {@code limit} ({@link Phase#BODY} or
     * {@link Phase#SEND}), or works ({@link Phase#WORK}, no limit).
     *
     * @throws InterruptedIOException when the connection was already cut off
     */
    void enter(Phase phase, Duration limit) throws InterruptedIOException {
        Slot slot = current.get();
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.cut) {
                Thread.interrupted();
                throw new InterruptedIOException("the client was too slow; the connection was closed");
            }
            slot.phase = phase;
            slot.deadline = System.nanoTime() + (limit == null ? 0 : limit.toNanos());
        }
    }

    /** Closes the current connection's socket now (its channel closes on interrupt); for a body the relay will not read. */
    void cutNow() {
        Slot slot = current.get();
        if (slot != null) {
            synchronized (slot) {
                slot.cut = true;
            }
        }
        Thread.currentThread().interrupt();
    }

    /** Connections that are waited on right now. */
    int open() {
        return slots.size();
    }

    private void cutOverdue() {
        long now = System.nanoTime();
        for (Slot slot : slots) {
            synchronized (slot) {
                if (!slot.cut && slot.phase != Phase.WORK && slot.phase != Phase.DONE && now - slot.deadline > 0) {
                    slot.cut = true;
                    slot.thread.interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }
}
