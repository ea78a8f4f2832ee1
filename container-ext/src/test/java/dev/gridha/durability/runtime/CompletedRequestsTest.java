package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.gridha.durability.runtime.CompletedRequests.ClientSequence;

class CompletedRequestsTest {

    private final CompletedRequests table = new CompletedRequests();
    private static final Duration WAIT = Duration.ofSeconds(2);

    private CompletedRequests.Start begin(ClientSequence id) {
        return table.begin(id, requestId -> Optional.empty(), WAIT);
    }

    @Test
    void onlyFaultTolerantClientIdsAreParsed() {
        assertThat(CompletedRequests.parse("ft:c-1:42")).contains(new ClientSequence("c-1", 42));
        assertThat(new ClientSequence("c-1", 42).requestId()).isEqualTo("ft:c-1:42");
        assertThat(CompletedRequests.parse("urn:uuid:1234")).isEmpty();
        assertThat(CompletedRequests.parse("ft:c-1:0")).isEmpty();
        assertThat(CompletedRequests.parse("ft::7")).isEmpty();
        assertThat(CompletedRequests.parse("ft:c:x")).isEmpty();
        assertThat(CompletedRequests.parse(null)).isEmpty();
    }

    @Test
    void aFinishedRequestIsReplayedAndAnAbandonedOneRunsAgain() {
        ClientSequence first = new ClientSequence("c", 1);
        assertThat(begin(first)).isInstanceOf(CompletedRequests.Run.class);
        table.finish(first, new byte[] {7});
        assertThat(begin(first)).isInstanceOfSatisfying(CompletedRequests.Replay.class,
                replay -> assertThat(replay.result()).containsExactly(7));

        ClientSequence second = new ClientSequence("c", 2);
        assertThat(begin(second)).isInstanceOf(CompletedRequests.Run.class);
        table.abandon(second);
        assertThat(begin(second)).isInstanceOf(CompletedRequests.Run.class);
    }

    @Test
    void resultsHeldAsABackupAreReplayedToo() {
        ClientSequence id = new ClientSequence("c", 5);
        CompletedRequests.Start start = table.begin(id,
                requestId -> requestId.equals("ft:c:5") ? Optional.of(new byte[] {1, 2}) : Optional.empty(), WAIT);
        assertThat(start).isInstanceOfSatisfying(CompletedRequests.Replay.class,
                replay -> assertThat(replay.result()).containsExactly(1, 2));
    }

    @Test
    void aDuplicateArrivingWhileTheOriginalRunsWaitsForItsResult() throws Exception {
        ClientSequence id = new ClientSequence("c", 1);
        assertThat(begin(id)).isInstanceOf(CompletedRequests.Run.class);
        CompletableFuture<CompletedRequests.Start> duplicate = CompletableFuture.supplyAsync(() -> begin(id));
        Thread.sleep(50);
        assertThat(duplicate).isNotDone();

        table.finish(id, new byte[] {3});

        assertThat(duplicate.get(2, TimeUnit.SECONDS)).isInstanceOf(CompletedRequests.Replay.class);
    }

    @Test
    void aDuplicateOfARequestThatNeverEndsGivesUp() {
        ClientSequence id = new ClientSequence("c", 1);
        begin(id);
        assertThatThrownBy(() -> table.begin(id, r -> Optional.empty(), Duration.ofMillis(50)))
                .hasMessageContaining("still being executed");
    }

    @Test
    void onlyTheClientsWindowOfResultsIsKept() {
        for (long sequence = 1; sequence <= CompletedRequests.WINDOW + 10; sequence++) {
            ClientSequence id = new ClientSequence("c", sequence);
            begin(id);
            table.finish(id, new byte[] {1});
        }
        assertThat(table.heldFor("c")).isEqualTo(CompletedRequests.WINDOW);
        assertThat(begin(new ClientSequence("c", 11))).isInstanceOf(CompletedRequests.Replay.class);
        assertThat(table.heldFor("other")).isZero();
    }
}
