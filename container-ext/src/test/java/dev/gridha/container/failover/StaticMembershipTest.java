package dev.gridha.container.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.socket.SharedSecret;

/** Replicas on loopback UDP with fast timing (20 ms heartbeats, 200 ms suspicion: a loaded CI machine may pause a thread for tens of ms). */
class StaticMembershipTest {

    private static final FailoverTiming FAST = new FailoverTiming(Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofMillis(200));

    private final SharedSecret secret = SharedSecret.generate();
    private final List<StaticMembership> started = new ArrayList<>();
    private final Map<String, List<String>> events = new HashMap<>();

    @AfterEach
    void stop() {
        started.forEach(StaticMembership::close);
    }

    private Map<String, InetSocketAddress> freeAddresses(List<String> ids) throws IOException {
        Map<String, InetSocketAddress> addresses = new HashMap<>();
        for (String id : ids) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                addresses.put(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort()));
            }
        }
        return addresses;
    }

    private StaticMembership start(String self, ReplicaView initial, Map<String, InetSocketAddress> addresses)
            throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        events.put(self, log);
        StaticMembership membership = StaticMembership.start(new StaticMembership.Config("g", self, initial, addresses,
                FAST, secret, false), new Membership.Listener() {
                    @Override
                    public void promoted(ReplicaView view) {
                        log.add("promoted " + view);
                    }

                    @Override
                    public void following(ReplicaView view) {
                        log.add("following " + view);
                    }

                    @Override
                    public void excluded(ReplicaView view) {
                        log.add("excluded " + view);
                    }

                    @Override
                    public void deposed(ReplicaView view) {
                        log.add("deposed " + view);
                    }
                });
        started.add(membership);
        return membership;
    }

    @Test
    void whenThePrimaryStopsTheSeniorTakesOverAndTheOtherFollowsIt() throws Exception {
        List<String> ids = List.of("a", "b", "c");
        ReplicaView initial = ReplicaView.initial(ids);
        Map<String, InetSocketAddress> addresses = freeAddresses(ids);
        StaticMembership a = start("a", initial, addresses);
        StaticMembership b = start("b", initial, addresses);
        StaticMembership c = start("c", initial, addresses);

        // while a beats, nobody moves
        Thread.sleep(300);
        assertThat(events.get("b")).isEmpty();
        assertThat(events.get("c")).isEmpty();
        assertThat(a.isPrimary()).isTrue();

        a.close();

        ReplicaView bc = new ReplicaView(2, List.of("b", "c"));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.isPrimary() && c.view().equals(bc));
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.get("c").isEmpty());
        assertThat(events.get("b")).containsExactly("promoted " + bc);
        // c either saw b's first heartbeat (epoch 1) or suspected a itself; both end in following b
        assertThat(events.get("c")).containsExactly("following " + bc);
        assertThat(c.isPrimary()).isFalse();
    }

    @Test
    void aPrimaryThatComesBackAfterAFailoverIsDeposedByTheNewEpoch() throws Exception {
        List<String> ids = List.of("a", "b");
        ReplicaView initial = ReplicaView.initial(ids);
        Map<String, InetSocketAddress> addresses = freeAddresses(ids);
        StaticMembership b = start("b", initial, addresses);
        await().atMost(Duration.ofSeconds(5)).until(b::isPrimary); // a never started: b took over

        StaticMembership a = start("a", initial, addresses); // a starts late, believing it is primary
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.isPrimary());
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.get("a").isEmpty());
        assertThat(events.get("a")).containsExactly("deposed " + new ReplicaView(2, List.of("b")));
        assertThat(b.isPrimary()).isTrue();
    }

    @Test
    void forgedHeartbeatsAreCountedAndKeepNoPrimaryAlive() throws Exception {
        List<String> ids = List.of("a", "b");
        ReplicaView initial = ReplicaView.initial(ids);
        Map<String, InetSocketAddress> addresses = freeAddresses(ids);
        StaticMembership b = start("b", initial, addresses);
        // an attacker without the secret pretends to be a, the primary
        byte[] forged = new HeartbeatCodec("g", SharedSecret.generate())
                .encode(new Heartbeat("g", "a", System.currentTimeMillis(), 1, initial));
        // sent every 10 ms until b takes over: were they accepted, b would never suspect a
        int sent = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (DatagramSocket attacker = new DatagramSocket()) {
            do {
                attacker.send(new DatagramPacket(forged, forged.length, addresses.get("b")));
                sent++;
                Thread.sleep(10);
            } while (!b.isPrimary() && System.nanoTime() < deadline);
        }
        assertThat(b.isPrimary()).isTrue();
        int total = sent;
        await().atMost(Duration.ofSeconds(5)).until(() -> b.refusedHeartbeats() == total);
    }
}
