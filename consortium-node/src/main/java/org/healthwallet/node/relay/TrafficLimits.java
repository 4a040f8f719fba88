package org.healthwallet.node.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the relay allows a connection and a patient key, so that hostile traffic is refused early
 * and cheaply (docs/relay-api.md "Limits").
 *
 * @param headTimeout      the request line and headers must arrive within this, else the connection is closed
 * @param bodyTimeout      a body must arrive within this plus its length at {@code minBodyRate}
 * @param minBodyRate      bytes a second a body must at least arrive at
 * @param sendTimeout      an answer must be taken by the client within this
 * @param quotaPerKey      bytes of encrypted files one patient key may keep on the relay (live shares)
 * @param grantWait        an upload whose grant is not on the ledger after this is deleted
 * @param maxWaitingBytes  bytes of uploads waiting for their grant, all keys together; beyond, uploads get 503
 * @param trustedProxies   addresses of reverse proxies whose {@code X-Forwarded-For} names the client (IP literals)
 */
public record TrafficLimits(Duration headTimeout, Duration bodyTimeout, int minBodyRate,
                            Duration sendTimeout, long quotaPerKey, Duration grantWait, long maxWaitingBytes,
                            List<String> trustedProxies) {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public static final TrafficLimits DEFAULT = new TrafficLimits(Duration.ofSeconds(5), Duration.ofSeconds(10),
            256 * 1024, Duration.ofSeconds(30), 128L * 1024 * 1024, Duration.ofMinutes(2), 512L * 1024 * 1024, List.of());

    public TrafficLimits {
        Objects.requireNonNull(headTimeout, "headTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(grantWait, "grantWait");
        trustedProxies = List.copyOf(trustedProxies);
        if (minBodyRate < 1 || quotaPerKey < 1 || maxWaitingBytes < 1) {
            throw new IllegalArgumentException("body rate, quota and waiting bytes must be positive");
        }
        for (Duration d : List.of(headTimeout, bodyTimeout, sendTimeout, grantWait)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the relay's timeouts and grant wait must be positive");
            }
        }
        for (String proxy : trustedProxies) {
            address(proxy);
        }
    }

    /** An IP literal as an address, without a name lookup; anything else is refused. */
    static InetAddress address(String literal) {
        if (literal == null || !IP_LITERAL.matcher(literal).matches()) {
            throw new IllegalArgumentException("\"" + literal + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + literal + "\" is not an IP address", e);
        }
    }

    /** How long a body of {@code length} bytes may take to arrive. */
    Duration bodyDeadline(long length) {
        return bodyTimeout.plusMillis(Math.max(0, length) * 1000 / minBodyRate);
    }

    public TrafficLimits withTimeouts(Duration head, Duration body, Duration send) {
        return new TrafficLimits(head, body, minBodyRate, send, quotaPerKey, grantWait, maxWaitingBytes,
                trustedProxies);
    }

    public TrafficLimits withQuota(long bytesPerKey, long waitingBytes) {
        return new TrafficLimits(headTimeout, bodyTimeout, minBodyRate, sendTimeout, bytesPerKey, grantWait,
                waitingBytes, trustedProxies);
    }

    public TrafficLimits withGrantWait(Duration wait) {
        return new TrafficLimits(headTimeout, bodyTimeout, minBodyRate, sendTimeout, quotaPerKey, wait,
                maxWaitingBytes, trustedProxies);
    }

    public TrafficLimits withTrustedProxies(List<String> proxies) {
        return new TrafficLimits(headTimeout, bodyTimeout, minBodyRate, sendTimeout, quotaPerKey, grantWait,
                maxWaitingBytes, proxies);
    }

}
