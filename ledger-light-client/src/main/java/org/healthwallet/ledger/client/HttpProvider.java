package org.healthwallet.ledger.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.healthwallet.ledger.cometbft.Header;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.SignedHeader;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.ValidatorsResult;

/**
 * Light blocks from a CometBFT node's JSON-RPC ({@link CometRpc}): /commit for the signed header and
 * /validators (all pages) for the sets of that height and the next (one request less when the
 * header says both sets are the same). Each request has a timeout; a node that does not answer, or
 * answers with a server error, is asked again a bounded number of times; a wrong answer is not.
 */
public final class HttpProvider implements Provider {
    /** CometBFT's largest page of /validators. */
    static final int PAGE_SIZE = 100;

    private final CometRpc rpc;

    /**
     * @param rpc      the node's RPC address, e.g. http://127.0.0.1:26657/
     * @param timeout  for each request
     * @param attempts tries per request when the node is unavailable (at least 1)
     * @param backoff  pause before the second try, doubled for each further one
     */
    public HttpProvider(URI rpc, HttpClient http, Duration timeout, int attempts, Duration backoff) {
        this.rpc = new CometRpc(rpc, http, timeout, attempts, backoff);
    }

    /** 5 s to connect, 10 s per request, 3 tries 250 ms apart and more. */
    public static HttpProvider create(URI rpc) {
        return new HttpProvider(rpc, CometRpc.client(), Duration.ofSeconds(10), 3, Duration.ofMillis(250));
    }

    @Override
    public String id() {
        return rpc.url().toString();
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

    private byte[] call(String method, Map<String, String> query) throws ProviderException {
        return rpc.get(method, query);
    }

}
