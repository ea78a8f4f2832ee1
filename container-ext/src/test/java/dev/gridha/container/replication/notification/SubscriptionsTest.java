package dev.gridha.container.replication.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions<String> subscriptions = new Subscriptions<>();

    @Test
    void subscriptionsAreFoundByReferenceAndByConsumer() {
        subscriptions.add("ref-1", "http://backup-1", "one");
        assertThat(subscriptions.byReference("ref-1")).contains("one");
        assertThat(subscriptions.byConsumer("http://backup-1")).map(Subscriptions.Entry::reference).contains("ref-1");
        assertThat(subscriptions.byReference("ref-2")).isEmpty();
    }

    @Test
    void aConsumerHoldsOneSubscription() {
        subscriptions.add("ref-1", "http://backup-1", "one");
        assertThatThrownBy(() -> subscriptions.add("ref-2", "http://backup-1", "again"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("http://backup-1");
        assertThat(subscriptions.all()).hasSize(1);
    }

    @Test
    void anEndedSubscriptionIsGoneAndEndsOnce() {
        subscriptions.add("ref-1", "http://backup-1", "one");
        assertThat(subscriptions.remove("ref-1")).isPresent();
        assertThat(subscriptions.remove("ref-1")).isEmpty();
        assertThat(subscriptions.byConsumer("http://backup-1")).isEmpty();
    }

    @Test
    void awaitingReturnsTheOldestSubscriptionsOnceThereAreEnough() throws Exception {
        subscriptions.add("ref-1", "http://backup-1", "one");
        subscriptions.add("ref-2", "http://backup-2", "two");
        subscriptions.add("ref-3", "http://backup-3", "three");
        assertThat(subscriptions.await(2, Duration.ZERO)).contains(List.of("one", "two"));
    }

    @Test
    void awaitingTooFewRunsOutOfTime() throws Exception {
        subscriptions.add("ref-1", "http://backup-1", "one");
        assertThat(subscriptions.await(2, Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void aSubscriptionMadeWhileWaitingEndsTheWait() throws Exception {
        Thread subscriber = new Thread(() -> subscriptions.add("ref-1", "http://backup-1", "one"));
        subscriber.start();
        assertThat(subscriptions.await(1, Duration.ofSeconds(5))).contains(List.of("one"));
        subscriber.join();
    }
}
