package dev.gridha.manager.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;

/** The embedded reverse proxy against the balancer contract. */
class EmbeddedBalancerTest extends BalancerContract {

    @Override
    Balancer start() {
        return EmbeddedBalancer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Override
    void refusedWhenNothingServes(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }
}
