package dev.gridha.container.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.socket.SocketStateServer;
import dev.gridha.container.replication.socket.SocketStateTransfer;

/**
 * A primary and two backups over real sockets: every replicated update reaches both backups' logs in
 * sequence order, concurrent requests included, and when one backup dies the next request fails instead
 * of being answered on the strength of one backup.
 */
class ReplicationOverSocketsIT {

    @Test
    void concurrentRequestsReachEveryBackupInOrderAndADeadBackupFailsTheNextOne() throws Exception {
        SharedSecret secret = SharedSecret.generate();
        List<List<Long>> appliedPerBackup = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<BackupLog> logs = new ArrayList<>();
        List<SocketStateServer> servers = new ArrayList<>();
        for (List<Long> applied : appliedPerBackup) {
            BackupLog log = new BackupLog("counter", 0, update -> applied.add(update.sequence()), 1000);
            SocketStateServer server = new SocketStateServer(SocketStateServer.Config.loopback(0), secret, log);
            server.start();
            logs.add(log);
            servers.add(server);
        }
        List<StateTransfer> transfers = new ArrayList<>();
        for (SocketStateServer server : servers) {
            transfers.add(SocketStateTransfer.connect(new InetSocketAddress("127.0.0.1", server.port()), secret,
                    Duration.ofSeconds(5), 1 << 20));
        }
        try (PrimaryReplicator primary = new PrimaryReplicator("counter", 1, transfers, Duration.ofSeconds(5), 0)) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Long>> sequences = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String request = "client-" + (i % 8) + ":" + i;
                sequences.add(clients.submit(() -> primary.replicate(request,
                        request.getBytes(StandardCharsets.UTF_8), new byte[] {1})));
            }
            for (Future<Long> sequence : sequences) {
                sequence.get();
            }
            clients.shutdown();

            for (int b = 0; b < 2; b++) {
                assertThat(logs.get(b).applyReady()).isEqualTo(200);
                assertThat(appliedPerBackup.get(b)).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
                assertThat(logs.get(b).resultOf("client-3:3")).hasValueSatisfying(result ->
                        assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo("client-3:3"));
            }

            servers.get(1).close();
            assertThatThrownBy(() -> primary.replicate("after-death", new byte[0], new byte[0]))
                    .isInstanceOf(ReplicationFailedException.class)
                    .hasMessageContaining(transfers.get(1).peer());
        } finally {
            servers.forEach(SocketStateServer::close);
        }
    }
}
