package org.healthwallet.ledger.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.JsonLimits;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RpcReply;
import org.healthwallet.ledger.cometbft.json.ValidatorsResult;

/**
 * Light blocks from a CometBFT node's JSON-RPC over HTTP: /commit for the signed header and
 * /validators (all pages) for the sets of that height and the next (one request less when the
 * header says both sets are the same). Each request has a timeout; a node that does not answer, or
 * answers with a server error, is asked again a bounded number of times; a wrong answer is not.
 */
public final class HttpProvider implements Provider {
    /** CometBFT's largest page of /validators. */
    static final int PAGE_SIZE = 100;

    private final URI rpc;
    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;

    /**
     * @param rpc      the node's RPC address, e.g. http://127.0.0.1:26657/
     * @param timeout  for each request
     * @param attempts tries per request when the node is unavailable (at least 1)
     * @param backoff  pause before the second try, doubled for each further one
     */
    public HttpProvider(URI rpc, HttpClient http, Duration timeout, int attempts, Duration backoff) {
        Objects.requireNonNull(rpc, "rpc");
        this.rpc = rpc.getPath().endsWith("/") ? rpc : URI.create(rpc + "/");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        this.attempts = attempts;
    }

    /** 5 s to connect, 10 s per request, 3 tries 250 ms apart and more. */
    public static HttpProvider create(URI rpc) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpProvider(rpc, client, Duration.ofSeconds(10), 3, Duration.ofMillis(250));
    }

    @Override
    public String id() {
        return rpc.toString();
    }

    @Override
    public LightBlock lightBlock(long height) throws ProviderException {
        if (height < 1) {
            throw new ProviderException(ProviderException.Kind.NOT_FOUND, "heights start at 1, got " + height);
        }
        return fetch(height);
    }

    @Override
    public LightBlock latest() throws ProviderException {
        return fetch(0);
    }

    private LightBlock fetch(long height) throws ProviderException {
        Map<String, String> query = new LinkedHashMap<>();
        if (height > 0) {
            query.put("height", Long.toString(height));
        }
        SignedHeader sh;
        try {
            sh = CometJsonParser.commit(call("commit", query)).signedHeader();
        } catch (ParseException e) {
            throw bad("/commit", e);
        }
        Header h = sh.header();
        ValidatorSet validators = validators(h.height());
        ValidatorSet next = h.nextValidatorsHash().equals(h.validatorsHash()) && validators.hash().equals(h.validatorsHash())
                ? validators : validators(h.height() + 1);
        return new LightBlock(sh, validators, next);
    }

    /** All pages of /validators at a height. */
    ValidatorSet validators(long height) throws ProviderException {
        List<Validator> all = new ArrayList<>();
        int total = -1;
        for (int page = 1; total < 0 || all.size() < total; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("height", Long.toString(height));
            query.put("page", Integer.toString(page));
            query.put("per_page", Integer.toString(PAGE_SIZE));
            ValidatorsResult r;
            try {
                r = CometJsonParser.validators(call("validators", query));
            } catch (ParseException e) {
                throw bad("/validators", e);
            }
            // CometBFT fills every page but the last, so at most 100 requests for the largest set
            if (r.blockHeight() != height || (total >= 0 && r.total() != total)
                    || r.count() != Math.min(PAGE_SIZE, r.total() - all.size())) {
                throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, id() + " gave inconsistent pages of "
                        + "validators for height " + height + " (page " + page + ")");
            }
            total = r.total();
            all.addAll(r.validators());
        }
        try {
            return ValidatorSet.of(all);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, id() + " gave a validator set for height "
                    + height + " that cannot be: " + e.getMessage());
        }
    }

    private ProviderException bad(String what, ParseException e) {
        return new ProviderException(ProviderException.Kind.BAD_RESPONSE, id() + " answered " + what
                + " with something that is not a CometBFT answer: " + e.getMessage(), e);
    }

    /** One JSON-RPC call by URI; returns the whole response body. */
    private byte[] call(String method, Map<String, String> query) throws ProviderException {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = rpc.resolve(method + (q.isEmpty() ? "" : "?" + q));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        ProviderException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (attempt > 1) {
                    pause(backoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
                }
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] body = readBounded(response.body());
                int status = response.statusCode();
                if (status >= 500 && !looksLikeRpc(body) || status == 429) {
                    last = new ProviderException(ProviderException.Kind.UNAVAILABLE, id() + " answered HTTP " + status);
                    continue;
                }
                return checkReply(body, status);
            } catch (IOException e) {
                last = new ProviderException(ProviderException.Kind.UNAVAILABLE,
                        id() + " did not answer (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "the request to " + id() + " was cancelled");
            }
        }
        throw last;
    }

    private byte[] checkReply(byte[] body, int status) throws ProviderException {
        RpcReply reply;
        try {
            reply = CometJsonParser.reply(body);
        } catch (ParseException e) {
            throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, id() + " answered HTTP " + status
                    + " with something that is not a JSON-RPC answer: " + e.getMessage(), e);
        }
        if (reply instanceof RpcReply.Error error) {
            String text = error.describe();
            // CometBFT v0.38 (as the dev network): "height 9 must be less than or equal to the current
            // blockchain height 5", "height 1 is not available, lowest height is 3", "could not find
            // validator set for height #2"; Tendermint wrote the last one with a capital C.
            String words = text.toLowerCase(Locale.ROOT);
            ProviderException.Kind kind = words.contains("must be less than or equal to the current blockchain height")
                    ? ProviderException.Kind.HEIGHT_TOO_HIGH
                    : words.contains("is not available") || words.contains("could not find")
                    ? ProviderException.Kind.NOT_FOUND
                    : ProviderException.Kind.BAD_RESPONSE;
            throw new ProviderException(kind, id() + " reported: " + text);
        }
        return body;
    }

    private static boolean looksLikeRpc(byte[] body) {
        return body.length > 0 && body[0] == '{';
    }

    private byte[] readBounded(InputStream in) throws IOException, ProviderException {
        long limit = JsonLimits.DEFAULT.maxDocumentBytes();
        try (InputStream body = in) {
            byte[] bytes = body.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new ProviderException(ProviderException.Kind.BAD_RESPONSE,
                        id() + " sent an answer larger than " + limit + " bytes");
            }
            return bytes;
        }
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
