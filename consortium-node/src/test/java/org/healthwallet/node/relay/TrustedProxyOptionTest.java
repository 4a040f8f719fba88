package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trusted proxies are IP addresses (no name is looked up), and only their X-Forwarded-For counts. */
class TrustedProxyOptionTest {
    private static RelayCommandOptions withProxies(List<String> proxies) {
        return new RelayCommandOptions(Path.of("consortium.json"), Path.of("relay"), 0, RelayOptions.LOOPBACK, Optional.empty(),
                Optional.empty(), Optional.empty(), proxies);
    }

    @Test
    void aProxyNamedByHostNameIsRefusedWithTheOptionsName() {
        assertThatThrownBy(() -> withProxies(List.of("proxy.example.org")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--trusted-proxy must be an IP address, not \"proxy.example.org\".");
        assertThat(withProxies(List.of("10.0.0.5", "::1")).trustedProxies()).containsExactly("10.0.0.5", "::1");
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() throws Exception {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));
        InetAddress proxy = InetAddress.getByName("10.0.0.5");
        InetAddress stranger = InetAddress.getByName("192.0.2.1");
        assertThat(clients.of(proxy, List.of("203.0.113.9, 198.51.100.7, 10.0.0.6"))).isEqualTo("198.51.100.7");
        assertThat(clients.of(proxy, List.of("203.0.113.9", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(clients.of(proxy, null)).isEqualTo("10.0.0.5");
        assertThat(clients.of(proxy, List.of("evil.example.org"))).as("not an address: the proxy itself").isEqualTo("10.0.0.5");
        assertThat(clients.of(stranger, List.of("198.51.100.7"))).as("from an untrusted peer").isEqualTo("192.0.2.1");
    }
}
