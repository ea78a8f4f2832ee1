package dev.gridha.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProbeReadingTest {

    private static final ProbeReading READING = new ProbeReading(1_700_000_000_000L, 300, 120, 1024, 7, 35, 42, 88,
            0.125, 60_000);

    @Test
    void aReadingTravelsAsNameValueLinesAndComesBackEqual() {
        String text = new String(READING.encode(), StandardCharsets.UTF_8);

        assertThat(text).contains("heap_used_after_gc_bytes 120\n", "process_cpu 0.1250\n");
        assertThat(ProbeReading.decode(READING.encode())).isEqualTo(READING);
        assertThat(READING.liveHeap()).isEqualTo(120);
    }

    @Test
    void theRolesOfReplicatedDeploymentsTravelWithTheReading() {
        ProbeReading replicated = new ProbeReading(1, 300, 120, 1024, 7, 35, 42, 88, 0.125, 60_000,
                List.of(new ReplicaRole("counter", "PRIMARY", 1), new ReplicaRole("matchmaker", "BACKUP", 0)));

        assertThat(new String(replicated.encode(), StandardCharsets.UTF_8))
                .contains("role.counter PRIMARY/1\n", "role.matchmaker BACKUP/0\n");
        ProbeReading decoded = ProbeReading.decode(replicated.encode());
        assertThat(decoded).isEqualTo(replicated);
        assertThat(decoded.replicas().get(0).primary()).isTrue();
        assertThat(decoded.replicas().get(1).backup()).isTrue();
        assertThat(READING.replicas()).isEmpty();
    }

    @Test
    void malformedRolesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> decode(text() + "role.counter PRIMARY\n")).hasMessageContaining("not ROLE/backups");
        assertThatThrownBy(() -> decode(text() + "role.counter primary/1\n")).hasMessageContaining("replica role");
        assertThatThrownBy(() -> decode(text() + "role.counter PRIMARY/-1\n")).hasMessageContaining("negative");
        assertThatThrownBy(() -> decode(text() + "role.counter PRIMARY/x\n")).hasMessageContaining("malformed number");
        assertThatThrownBy(() -> decode(text() + "role. PRIMARY/1\n")).hasMessageContaining("replica group name");
    }

    @Test
    void theLiveHeapIsTheHeapInUseWhereTheJvmDoesNotTellWhatIsLeftAfterACollection() {
        assertThat(new ProbeReading(0, 300, -1, 1024, 0, 0, 1, -1, -1, 0).liveHeap()).isEqualTo(300);
    }

    @Test
    void malformedReadingsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> decode("at_millis 1\nnonsense\n")).hasMessageContaining("line 2 is not 'name value'");
        assertThatThrownBy(() -> decode(text().replace("threads 42", "threads forty")))
                .hasMessageContaining("malformed number");
        assertThatThrownBy(() -> decode(text() + "extra 1\n")).hasMessageContaining("unknown field extra");
        assertThatThrownBy(() -> decode(text().replace("gc_count 7\n", ""))).hasMessageContaining("lacks gc_count");
        assertThatThrownBy(() -> decode(text() + "threads 1\n")).hasMessageContaining("threads twice");
        assertThatThrownBy(() -> ProbeReading.decode(new byte[ProbeReading.MAX_BYTES + 1]))
                .hasMessageContaining("at most 4096 bytes");
    }

    private static String text() {
        return new String(READING.encode(), StandardCharsets.UTF_8);
    }

    private static ProbeReading decode(String text) {
        return ProbeReading.decode(text.getBytes(StandardCharsets.UTF_8));
    }
}
