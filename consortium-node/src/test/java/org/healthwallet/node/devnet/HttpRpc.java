package org.healthwallet.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CommitResult;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.ValidatorsResult;

/** A plain HTTP client for the tests: what a light client does, over real loopback HTTP. */
final class HttpRpc {
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws ParseException {
            return CometJsonParser.tree(body);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpRpc(URI base) {
        this.base = base;
    }

    Response get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body());
    }

    Response post(String json) throws IOException, InterruptedException {
        return send("POST", json.getBytes(StandardCharsets.UTF_8));
    }

    Response send(String method, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body());
    }

    /** A JSON-RPC call; returns the whole response document. */
    JsonNode call(String method, String paramsJson) throws IOException, InterruptedException, ParseException {
        return post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}").json();
    }

    CommitResult commit(long height) throws IOException, InterruptedException, ParseException {
        return CometJsonParser.commit(get("/commit?height=" + height).body());
    }

    /** All pages of /validators at {@code height}, as a light client reads them. */
    ValidatorSet validators(long height) throws IOException, InterruptedException, ParseException {
        List<Validator> all = new ArrayList<>();
        int page = 1;
        while (true) {
            ValidatorsResult r = CometJsonParser.validators(get("/validators?height=" + height + "&per_page=4&page=" + page).body());
            all.addAll(r.validators());
            if (all.size() >= r.total() || r.count() == 0) {
                return ValidatorSet.of(all);
            }
            page++;
        }
    }

    LightBlock lightBlock(long height) throws IOException, InterruptedException, ParseException {
        return new LightBlock(commit(height).signedHeader(), validators(height), validators(height + 1));
    }
}
