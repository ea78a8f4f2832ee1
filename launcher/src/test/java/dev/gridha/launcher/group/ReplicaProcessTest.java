package dev.gridha.launcher.group;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplicaProcessTest {

    @Test
    void aReplicaThatExitsIsReportedWithItsFirstErrorEvenWhenALongTraceFollows() throws Exception {
        String script = "echo starting; echo '12:00:00.000 ERROR o.a.c.c.StandardWrapper - init failed';"
                + " echo 'java.lang.IllegalStateException: the cause'; for i in $(seq 1 400); do echo \"  at frame $i\"; done;"
                + " exit 1";
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        ReplicaProcess replica = ReplicaProcess.started("r9", 1, 2, process, line -> { });
        process.waitFor();

        assertThatThrownBy(() -> replica.awaitServing(Duration.ofSeconds(10)))
                .hasMessageContaining("replica r9 exited with 1")
                .hasMessageContaining("first error:\n12:00:00.000 ERROR o.a.c.c.StandardWrapper - init failed\n"
                        + "java.lang.IllegalStateException: the cause")
                .hasMessageContaining("at frame 400");
    }
}
