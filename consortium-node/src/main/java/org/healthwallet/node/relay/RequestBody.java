package org.healthwallet.node.relay;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/**
 * A request's body: its declared length checked before anything is read, read within its deadline
 * (a slower client is cut off by the {@link ConnectionGuard}), and, when the request was refused
 * before it, left unread without waiting for a client that sends it slowly or not at all.
 */
final class RequestBody {
    /**
     * A refused body up to this is drained (for at most {@link #DRAIN_TIME}) so the client, which is
     * still sending, reads the answer instead of a reset (a share a little over the limit gets its 413
     * sentence); a larger one closes the connection at once. The JDK drains when the exchange closes,
     * up to {@code sun.net.httpserver.drainAmount}, which {@link RelayServer#preferNoDelay} (and the
     * test JVMs' command line) set to this; nothing is read into memory.
     */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(2);
    private static final String BODY_READ = "org.healthwallet.relay.bodyRead";

    private final ConnectionGuard guard;
    private final TrafficLimits limits;

    RequestBody(ConnectionGuard guard, TrafficLimits limits) {
        this.guard = guard;
        this.limits = limits;
    }

    /** The declared Content-Length (-1 when the body is chunked or absent); a larger one than {@code max} is a 413 at once. */
    static long declaredLength(HttpExchange exchange, int max) throws BadRequestException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return -1;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(400, "The Content-Length header is not a number.");
        }
        if (length < 0) {
            throw new BadRequestException(400, "The Content-Length header is negative.");
        }
        if (length > max) {
            throw tooLarge(max);
        }
        return length;
    }

    /**
     * The request body, at most {@code max} bytes, read within the body deadline (a client that
     * sends it slower is cut off); a larger one is a 413 and is not read further.
     */
    byte[] read(HttpExchange exchange, int max, long declared) throws IOException, BadRequestException {
        guard.enter(ConnectionGuard.Phase.BODY, limits.bodyDeadline(declared >= 0 ? declared : max));
        byte[] body = exchange.getRequestBody().readNBytes(max + 1);
        guard.enter(ConnectionGuard.Phase.WORK, null);
        if (body.length > max) {
            throw tooLarge(max);
        }
        exchange.setAttribute(BODY_READ, Boolean.TRUE);
        return body;
    }

    private static BadRequestException tooLarge(int max) {
        return new BadRequestException(413, "The request body is larger than the " + max + " bytes this address accepts.");
    }

    /** Whether the client sent (or announced) a body the relay did not read, because it refused the request first. */
    static boolean left(HttpExchange exchange) {
        if (exchange.getAttribute(BODY_READ) != null) {
            return false;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.trim().equals("0"));
    }

    /**
     * After the answer to a refused request: a small body is drained, briefly, so an honest client
     * sees the answer and keeps its connection; a large, chunked or slow one is not waited for, the
     * connection is closed.
     */
    void leave(HttpExchange exchange) throws IOException {
        exchange.getResponseBody().flush();
        long length;
        try {
            length = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length").trim());
        } catch (RuntimeException e) {
            length = -1;
        }
        if (length >= 0 && length <= DRAIN_LIMIT) {
            guard.enter(ConnectionGuard.Phase.SEND, DRAIN_TIME);
        } else {
            guard.cutNow();
        }
    }
}
