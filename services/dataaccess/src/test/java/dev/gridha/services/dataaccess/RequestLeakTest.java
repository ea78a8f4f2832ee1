package dev.gridha.services.dataaccess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLeakTest {

    @Test
    void eachRequestRetainsTheConfiguredBytes() {
        RequestLeak leak = new RequestLeak(1024);
        LeakStatus before = leak.status();

        leak.onRequest();
        leak.onRequest();

        LeakStatus after = leak.status();
        assertThat(after.getBytesPerRequest()).isEqualTo(1024);
        assertThat(after.getHeldBytes() - before.getHeldBytes()).isEqualTo(2048);
        assertThat(after.getLeakedRequests() - before.getLeakedRequests()).isEqualTo(2);
    }

    @Test
    void offRetainsNothing() {
        RequestLeak leak = new RequestLeak(0);
        long before = leak.status().getHeldBytes();

        leak.onRequest();

        assertThat(leak.isOn()).isFalse();
        assertThat(leak.status().getHeldBytes()).isEqualTo(before);
        assertThat(leak.status().getBytesPerRequest()).isZero();
    }

    @Test
    void whatOneInstanceRetainedOutlivesIt() {
        // the holder is static: service objects come and go, the leak stays until the class loader goes
        new RequestLeak(512).onRequest();
        long held = new RequestLeak(0).status().getHeldBytes();

        assertThat(held).isGreaterThanOrEqualTo(512);
    }
}
