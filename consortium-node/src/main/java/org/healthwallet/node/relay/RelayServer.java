package org.healthwallet.node.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.healthwallet.ledger.client.ConsortiumConfig;
import org.healthwallet.ledger.client.HttpProvider;
import org.healthwallet.ledger.client.LightClient;
import org.healthwallet.ledger.client.Provider;
import org.healthwallet.ledger.client.TrustedStore;
import org.healthwallet.ledger.client.TrustedStoreException;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.SigningKey;

/**
 * The share relay: stores encrypted shares and serves them by the SMART Health Links protocol,
 * writing every access to the ledger before it serves a byte. HTTP API (docs/relay-api.md):
 * <pre>
 *   POST   /shares            create (signed by the patient's key)        201 {id, manifestUrl, expiresAt, relayKey}
 *   PUT    /shares/{id}       new files of a long-term (L) share (signed) 204
 *   DELETE /shares/{id}       revoke (signed; deletes the ciphertext)     204
 *   POST   /shl/{id}          manifest {recipient, passcode?, embeddedLengthMax?} → {files:[…]}
 *   GET    /shl/{id}?recipient=…   the file of a U-flag link (application/jose)
 *   GET    /files/{token}     a manifest's single-use file address (at most 1 hour)
 *   GET    /view              the web viewer (#shlink:/… decrypted in the browser; see ViewPage)
 * </pre>
 * Plain HTTP only on loopback; otherwise HTTPS with the given PKCS#12 certificate. Paths are
 * checked before anything is looked up: encoded characters, dot segments and ids of the wrong
 * shape get 400 or 404.
 */
public final class RelayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());
    /** Manifest ids and file tokens: 32 random bytes, base64url. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Share ids as docs/relay-api.md allows them (this relay makes 22-character ones). */
    private static final Pattern SHARE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int MAX_PATH = 200;

    private final HttpServer server;
    private final ConnectionGuard guard;
    private final RequestBody bodies;
    private final ClientAddress clients;
    private final ScheduledExecutorService purger;
    private final ShareStore store;
    private final TrustedStore trusted;
    private final AccessRecorder recorder;
    private final ShareIntake intake;
    private final ManifestService manifests;
    private final RelayTuning tuning;
    private final SigningKey key;
    private final URI url;
    private final URI rpcUrl;
    private final VerifiedState state;
    private final ViewPage view;
    private final CompletableFuture<String> failure;

    private RelayServer(Parts p) {
        this.server = p.server;
        this.guard = p.guard;
        this.bodies = new RequestBody(p.guard, p.tuning.traffic());
        this.clients = p.clients;
        this.purger = p.purger;
        this.store = p.store;
        this.trusted = p.trusted;
        this.recorder = p.recorder;
        this.intake = p.intake;
        this.manifests = p.manifests;
        this.tuning = p.tuning;
        this.key = p.key;
        this.url = p.url;
        this.rpcUrl = p.rpcUrl;
        this.state = p.state;
        this.view = p.view;
        this.failure = p.failure;
    }

    /** What {@link #start} assembles; kept together so a failure half-way can close what was opened. */
    private static final class Parts {
        HttpServer server;
        ConnectionGuard guard;
        ClientAddress clients;
        ScheduledExecutorService purger;
        ShareStore store;
        TrustedStore trusted;
        AccessRecorder recorder;
        ShareIntake intake;
        ManifestService manifests;
        RelayTuning tuning;
        SigningKey key;
        URI url;
        URI rpcUrl;
        VerifiedState state;
        ViewPage view;
        final CompletableFuture<String> failure = new CompletableFuture<>();

        void close() {
            if (server != null) server.stop(0);
            if (guard != null) guard.close();
            if (purger != null) purger.shutdownNow();
            if (recorder != null) recorder.close();
            if (store != null) store.close();
            if (trusted != null) {
                try {
                    trusted.close();
                } catch (TrustedStoreException e) {
                    LOG.log(System.Logger.Level.WARNING, "The relay's light-client store did not close: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Opens the relay's folder (creating its key on first start), binds and starts serving. The
     * ledger is reached through the consortium's primary node, its headers verified with the
     * light client against the consortium's checkpoint and witnesses.
     *
     * @throws RelayStartException with a message for the operator (folder, key, port, certificate)
     */
    public static RelayServer start(RelayOptions options, ConsortiumConfig consortium) {
        return start(options, consortium, new SecureRandom(), Clock.systemUTC());
    }

    static RelayServer start(RelayOptions options, ConsortiumConfig consortium, SecureRandom random, Clock clock) {
        preferNoDelay();
        Parts p = new Parts();
        try {
            InetAddress address = InetAddress.getByName(options.host());
            if (options.tls().isEmpty() && !address.isLoopbackAddress()) {
                throw new RelayStartException("The relay serves plain HTTP only on loopback (127.0.0.1 or ::1); to listen on "
                        + options.host() + " give it a certificate (--tls-keystore and --tls-password-file).");
            }
            RelayTuning tuning = options.tuning();
            p.tuning = tuning;
            p.key = RelayKeyFile.loadOrCreate(options.dataDir(), random);
            p.store = ShareStore.open(options.dataDir());
            p.store.purgeExpired(clock.instant().getEpochSecond());
            p.rpcUrl = consortium.primary();
            LedgerRpc rpc = LedgerRpc.create(consortium.primary(), tuning.commitTimeout().plusSeconds(5));
            p.trusted = TrustedStore.open(options.dataDir().resolve("light.db"));
            List<Provider> witnesses = consortium.witnesses().stream().<Provider>map(HttpProvider::create).toList();
            LightClient light = new LightClient(consortium.checkpoint(), HttpProvider.create(consortium.primary()),
                    witnesses, p.trusted);
            p.state = new VerifiedState(rpc, light, tuning.headerWait());
            GrantCheck grants = new GrantCheck(p.state, p.key.publicKey(), tuning.grantCacheTtl(), tuning.absentGrantTtl(),
                    System::nanoTime);
            p.recorder = new AccessRecorder(rpc, p.key, consortium.chainId(), tuning.ledgerBatch(), tuning.commitTimeout(),
                    tuning.ledgerPoll(), p.failure::complete, () -> { });
            p.server = bind(options, address);
            p.url = options.publicUrl().map(u -> URI.create(u.toString().replaceAll("/+$", "")))
                    .orElseGet(() -> listeningUrl(p.server, options.tls().isPresent()));
            RateLimiter manifestLimit = new RateLimiter(tuning.burst(), tuning.perSecond(), System::nanoTime);
            RateLimiter createLimit = new RateLimiter(20, 2.0, System::nanoTime);
            p.intake = new ShareIntake(p.store, tuning, p.url, p.key.publicKey(), random, clock, createLimit, grants);
            p.view = ViewPage.fromResources();
            p.manifests = new ManifestService(p.store, grants, p.recorder, manifestLimit, tuning, p.url, random, clock);
            p.clients = new ClientAddress(tuning.traffic().trustedProxies());
            p.guard = new ConnectionGuard(tuning.httpThreads(), tuning.traffic().headTimeout());
            GrantWait waiting = new GrantWait(p.store, grants, tuning.traffic().grantWait(), clock);
            p.purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "relay-purge");
                t.setDaemon(true);
                return t;
            });
            RelayServer relay = new RelayServer(p);
            p.failure.thenAccept(relay::stopServing);
            p.server.createContext("/", relay::handle);
            p.server.setExecutor(p.guard);
            p.server.start();
            p.purger.scheduleWithFixedDelay(() -> relay.purge(clock), 60, 60, TimeUnit.SECONDS);
            long sweep = waiting.sweepInterval().toMillis();
            p.purger.scheduleWithFixedDelay(waiting::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.INFO, "relay " + p.key.publicKey() + " serving at " + p.url);
            return relay;
        } catch (IOException e) {
            p.close();
            throw new RelayStartException("The relay cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        } catch (TrustedStoreException e) {
            p.close();
            throw new RelayStartException("The relay cannot open its light-client store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * Asks the JDK's HTTP server for TCP_NODELAY. It writes a response's headers and body separately;
     * with Nagle's algorithm the body then waits for the client's delayed ACK, about 40 ms per request
     * on a kept-alive connection, which would cap the relay (and the dev network's RPC, which it calls)
     * at a few dozen requests a second. The JDK reads the property once, when the first server of the
     * process starts, so the launcher should also pass {@code -Dsun.net.httpserver.nodelay=true}
     * (the test JVMs get it and the drain amount from the build);
     * this sets it only when nobody did.
     */
    public static void preferNoDelay() {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        // Backstops for connections no thread waits on (connected, nothing sent; an answer never taken):
        // the JDK closes them after this many seconds. The relay's own deadlines (ConnectionGuard) are shorter.
        if (System.getProperty(MAX_REQUEST_SECONDS) == null) {
            System.setProperty(MAX_REQUEST_SECONDS, "300");
        }
        if (System.getProperty(MAX_RESPONSE_SECONDS) == null) {
            System.setProperty(MAX_RESPONSE_SECONDS, "120");
        }
        // Beyond this the JDK closes a connection whose refused body it did not read, and the reset can
        // take the answer with it (RequestBody.DRAIN_LIMIT; the guard still cuts a slow sender).
        if (System.getProperty(DRAIN_AMOUNT) == null) {
            System.setProperty(DRAIN_AMOUNT, Long.toString(RequestBody.DRAIN_LIMIT));
        }
    }

    static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";
    private static final String MAX_RESPONSE_SECONDS = "sun.net.httpserver.maxRspTime";
    private static final String DRAIN_AMOUNT = "sun.net.httpserver.drainAmount";

    private static HttpServer bind(RelayOptions options, InetAddress address) throws IOException {
        InetSocketAddress socket = new InetSocketAddress(address, options.port());
        if (options.tls().isEmpty()) {
            return HttpServer.create(socket, 128);
        }
        HttpsServer https = HttpsServer.create(socket, 128);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(options.tls().get())));
        return https;
    }

    private static SSLContext sslContext(TlsSettings tls) {
        char[] password = null;
        try {
            String text = Files.readString(tls.passwordFile(), StandardCharsets.UTF_8);
            password = text.replaceAll("[\\r\\n]+$", "").toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.keystore())) {
                store.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new RelayStartException("The relay cannot read its certificate " + tls.keystore() + " with the password in "
                    + tls.passwordFile() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new RelayStartException("The relay's certificate " + tls.keystore() + " cannot be used: " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static URI listeningUrl(HttpServer server, boolean https) {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        String authority = host.contains(":") ? "[" + host + "]:" + bound.getPort() : host + ":" + bound.getPort();
        return URI.create((https ? "https://" : "http://") + authority);
    }

    /**
     * Completes, with the reason, if the relay stopped serving on its own (it can no longer record
     * accesses); the command then exits with an error so a supervisor can restart it.
     */
    public CompletableFuture<String> failure() {
        return failure;
    }

    private void stopServing(String reason) {
        LOG.log(System.Logger.Level.ERROR, "The relay stops serving: " + reason);
        server.stop(0);
    }

    /** The base URL links name, e.g. {@code http://127.0.0.1:8443}. */
    public URI url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The relay's key: it signs access records and is the relay the wallet names in a grant. */
    public Ed25519PublicKey relayKey() {
        return key.publicKey();
    }

    SigningKey signingKey() {
        return key;
    }

    /** The ledger node this relay writes to. */
    public URI ledgerUrl() {
        return rpcUrl;
    }

    VerifiedState verifiedState() {
        return state;
    }

    RelayTuning tuning() {
        return tuning;
    }

    private void purge(Clock clock) {
        try {
            int ended = store.purgeExpired(clock.instant().getEpochSecond());
            if (ended > 0) {
                LOG.log(System.Logger.Level.INFO, ended + " expired shares ended; their files were deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Purging expired shares failed: " + e.getMessage());
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try {
            guard.enter(ConnectionGuard.Phase.WORK, null);
            Reply reply;
            boolean cors = false;
            try {
                String path = exchange.getRequestURI().getRawPath();
                cors = path != null && (path.startsWith("/shl/") || path.startsWith("/files/"));
                reply = route(exchange, exchange.getRequestMethod(), path);
            } catch (BadRequestException e) {
                reply = e.reply();
            } catch (RelayStorageException e) {
                LOG.log(System.Logger.Level.ERROR, e.getMessage());
                reply = Reply.error(503, "The relay cannot use its storage right now; nothing was changed or served.")
                        .with("Retry-After", "30");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "relay request failed: " + e);
                reply = Reply.error(500, "The relay failed to answer; nothing was served.");
            }
            boolean bodyLeft = RequestBody.left(exchange);
            if (bodyLeft) {
                reply = reply.with("Connection", "close");
            }
            guard.enter(ConnectionGuard.Phase.SEND, tuning.traffic().sendTimeout());
            send(exchange, reply, cors);
            if (bodyLeft) {
                bodies.leave(exchange);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "relay exchange ended early: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange, String method, String path) throws IOException, BadRequestException {
        if (path == null || path.length() > MAX_PATH) {
            return Reply.notFound();
        }
        if (path.indexOf('%') >= 0 || path.contains("//") || path.contains("/.") || path.indexOf('\\') >= 0
                || path.indexOf(';') >= 0 || !path.startsWith("/")) {
            return Reply.error(400, "This address is not one the relay serves.");
        }
        if (ViewPage.serves(path)) {
            return view.answer(method, path);
        }
        String[] parts = path.substring(1).split("/", -1);
        String client = clients.of(exchange.getRemoteAddress().getAddress(), exchange.getRequestHeaders().get("X-Forwarded-For"));
        SignedRequest.Headers headers = exchange.getRequestHeaders()::getFirst;
        if (parts.length == 1 && parts[0].equals("shares")) {
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            // Everything that can refuse without the body does so before a byte of it is read.
            long declared = RequestBody.declaredLength(exchange, tuning.maxShareBytes());
            Optional<Reply> refused = intake.admit(headers, declared, client);
            return refused.isPresent() ? refused.get() : intake.create(headers, bodies.read(exchange, tuning.maxShareBytes(), declared));
        }
        if (parts.length != 2) {
            return Reply.notFound();
        }
        String id = parts[1];
        switch (parts[0]) {
            case "shares" -> {
                if (!SHARE_ID.matcher(id).matches()) {
                    return Reply.notFound();
                }
                return switch (method) {
                    case "DELETE" -> {
                        long declared = RequestBody.declaredLength(exchange, 1024);
                        Optional<Reply> refused = intake.admitRevoke(client);
                        yield refused.isPresent() ? refused.get() : intake.revoke(id, headers, bodies.read(exchange, 1024, declared));
                    }
                    case "PUT" -> {
                        long declared = RequestBody.declaredLength(exchange, tuning.maxShareBytes());
                        Optional<Reply> refused = intake.admitUpdate(client);
                        yield refused.isPresent() ? refused.get()
                                : intake.update(id, headers, bodies.read(exchange, tuning.maxShareBytes(), declared));
                    }
                    default -> notAllowed("PUT, DELETE");
                };
            }
            case "shl" -> {
                if (!TOKEN.matcher(id).matches()) {
                    return Reply.notFound();
                }
                return switch (method) {
                    case "POST" -> {
                        long declared = RequestBody.declaredLength(exchange, tuning.maxManifestBytes());
                        Optional<Reply> refused = manifests.admit(id, client);
                        yield refused.isPresent() ? refused.get()
                                : manifests.manifest(id, bodies.read(exchange, tuning.maxManifestBytes(), declared));
                    }
                    case "GET" -> manifests.direct(id, exchange.getRequestURI().getRawQuery(), client);
                    case "OPTIONS" -> preflight();
                    default -> notAllowed("GET, POST, OPTIONS");
                };
            }
            case "files" -> {
                if (!TOKEN.matcher(id).matches()) {
                    return Reply.notFound();
                }
                return switch (method) {
                    case "GET" -> manifests.location(id);
                    case "OPTIONS" -> preflight();
                    default -> notAllowed("GET, OPTIONS");
                };
            }
            default -> {
                return Reply.notFound();
            }
        }
    }

    private static Reply notAllowed(String allow) {
        return Reply.error(405, "This address does not answer that method.").with("Allow", allow);
    }

    private static Reply preflight() {
        return Reply.noContent()
                .with("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .with("Access-Control-Allow-Headers", "Content-Type")
                .with("Access-Control-Max-Age", "86400");
    }

    private static void send(HttpExchange exchange, Reply reply, boolean cors) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (!reply.contentType().isEmpty()) {
            headers.set("Content-Type", reply.contentType());
        }
        headers.set("X-Content-Type-Options", "nosniff");
        if (cors) {
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Expose-Headers", "Retry-After");
        }
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        guard.close();
        purger.shutdownNow();
        recorder.close();
        store.close();
        try {
            trusted.close();
        } catch (TrustedStoreException e) {
            LOG.log(System.Logger.Level.WARNING, "The relay's light-client store did not close: " + e.getMessage());
        }
    }
}
