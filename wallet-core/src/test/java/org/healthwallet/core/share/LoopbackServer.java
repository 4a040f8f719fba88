package org.healthwallet.core.share;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on 127.0.0.1 with a port of its own, answering by path; records every request. */
final class LoopbackServer implements AutoCloseable {
    /** A request as it arrived. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** An answer to give. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply jose(String jwe) {
            return new Reply(200, Map.of("Content-Type", "application/jose"), jwe.getBytes(StandardCharsets.US_ASCII));
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0]);
        }
    }

    interface Handler {
        Reply answer(Seen request) throws Exception;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests whose path starts with {@code prefix} (longest prefix wins). */
    LoopbackServer on(String prefix, Handler handler) {
        handlers.put(prefix, handler);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            Seen request = new Seen(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            seen.add(request);
            String best = null;
            for (String prefix : handlers.keySet()) {
                if (uri.getRawPath().startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            Reply reply;
            try {
                reply = best == null ? Reply.status(404) : handlers.get(best).answer(request);
            } catch (Exception e) {
                reply = Reply.json(500, "{\"error\":\"test handler failed: " + e.getClass().getSimpleName() + "\"}");
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                exchange.getResponseBody().write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
