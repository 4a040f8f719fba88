package org.healthwallet.ledger.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthwallet.ledger.cometbft.LightBlock;

/**
 * Asks every witness, each on its own thread, for its block at the height of a header the primary
 * gave (CometBFT's detector asks its witnesses concurrently too). Only fetching happens here; what
 * the answers mean is judged by {@link DivergenceDetector}, in the witnesses' order, so the outcome
 * and its messages do not depend on which witness answered first.
 */
final class WitnessAnswers {
    /** What one witness answered. */
    sealed interface Answer permits Block, Behind, Unreachable, Cancelled {
    }

    /**
     * Its block at the target's height, or its newest block when that is lower but not earlier in
     * time than the target (the primary's header is then from a forged future).
     */
    record Block(LightBlock block) implements Answer {
    }

    /** Still below the target's height (and earlier in time) at the deadline; {@code height} is its newest. */
    record Behind(long height) implements Answer {
    }

    /** It could not be asked, or gave a wrong answer. */
    record Unreachable(ProviderException problem) implements Answer {
    }

    /** The wait for it was interrupted (the sync is being stopped). */
    record Cancelled() implements Answer {
    }

    /** Pauses between asking a lagging witness again: 50 ms, doubled up to 1 s. */
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LAST_PAUSE_MILLIS = 1000;

    private WitnessAnswers() {
    }

    /**
     * The answers of {@code witnesses}, in their order. A witness below the target's height is asked
     * again, with short pauses, until {@code deadlineNanos} ({@link System#nanoTime()}); each is asked
     * at least once. When the calling thread is interrupted, every witness still being asked is
     * interrupted too, their answers are awaited, and the interrupt is kept for the caller.
     */
    static List<Answer> ask(List<Provider> witnesses, LightBlock target, long deadlineNanos) {
        if (witnesses.size() == 1) {
            // nothing to overlap: no thread needed
            return List.of(answer(witnesses.get(0), target, deadlineNanos));
        }
        Object[] answers = new Object[witnesses.size()];
        List<Thread> askers = new ArrayList<>(witnesses.size());
        for (int i = 0; i < witnesses.size(); i++) {
            int index = i;
            Provider witness = witnesses.get(i);
            Thread asker = new Thread(() -> {
                try {
                    answers[index] = answer(witness, target, deadlineNanos);
                } catch (RuntimeException | Error e) {
                    answers[index] = e;
                }
            }, "light client: witness " + witness.id());
            asker.setDaemon(true);
            askers.add(asker);
        }
        askers.forEach(Thread::start);
        awaitAll(askers);
        // Thread.join orders each asker's writes before this read.
        List<Answer> result = new ArrayList<>(answers.length);
        for (Object a : answers) {
            if (a instanceof RuntimeException e) {
                throw e;
            }
            if (a instanceof Error e) {
                throw e;
            }
            result.add((Answer) a);
        }
        return result;
    }

    private static void awaitAll(List<Thread> askers) {
        boolean interrupted = false;
        for (Thread asker : askers) {
            while (true) {
                try {
                    asker.join();
                    break;
                } catch (InterruptedException e) {
                    // stop the others' waits and requests too; their answers say they were cancelled
                    interrupted = true;
                    askers.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer answer(Provider witness, LightBlock target, long deadlineNanos) {
        try {
            return atTargetHeight(witness, target, deadlineNanos);
        } catch (ProviderException e) {
            return new Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cancelled();
        }
    }

    private static Answer atTargetHeight(Provider witness, LightBlock target, long deadlineNanos)
            throws ProviderException, InterruptedException {
        long pauseMillis = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return new Block(witness.lightBlock(target.height()));
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.HEIGHT_TOO_HIGH) {
                    throw e;
                }
            }
            LightBlock latest = witness.latest();
            if (latest.height() >= target.height()) {
                return new Block(witness.lightBlock(target.height()));
            }
            if (!latest.time().isBefore(target.time())) {
                return new Block(latest);
            }
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMillis <= 0) {
                return new Behind(latest.height());
            }
            Thread.sleep(Math.min(pauseMillis, leftMillis));
            pauseMillis = Math.min(pauseMillis * 2, LAST_PAUSE_MILLIS);
        }
    }
}
