package org.healthwallet.node.relay;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a request comes from, for the rate limits. The peer's address, unless the peer is one of the
 * configured reverse proxies: then {@code X-Forwarded-For} is read from the right (each proxy
 * appends the address it saw), skipping trusted proxies, and the first other address is the
 * client. A header from anyone else is ignored, so a client cannot pick its own bucket; an entry
 * that is not an IP address ends the walk at the proxy that passed it on.
 */
final class ClientAddress {
    private static final int MAX_HOPS = 16;

    private final Set<InetAddress> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(TrafficLimits::address).collect(Collectors.toUnmodifiableSet());
    }

    /** The client's address as text (for rate limit buckets and logs). */
    String of(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        if (trusted.contains(peer) && forwardedFor != null) {
            String[] hops = String.join(",", forwardedFor).split(",");
            for (int i = hops.length - 1, seen = 0; i >= 0 && seen < MAX_HOPS && trusted.contains(client); i--, seen++) {
                try {
                    client = TrafficLimits.address(hops[i].trim());
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        return client.getHostAddress();
    }
}
