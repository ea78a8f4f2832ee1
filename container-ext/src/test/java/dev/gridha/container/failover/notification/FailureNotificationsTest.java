package dev.gridha.container.failover.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.gridha.client.faulttolerance.FailureNotice;

/** Subscriptions and pull points on a test clock: what a take-over reaches, and every bound. */
class FailureNotificationsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final FailureNotifications notifications = new FailureNotifications(now::get);
    private final FailureNotice notice = new FailureNotice("counter", 2, "b");

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aTakeOverIsPushedToEverySubscriberAndQueuedAtEveryPullPoint() {
        var one = notifications.subscribe("http://client-1/consumer", Optional.empty());
        var two = notifications.subscribe("http://client-2/consumer", Optional.empty());
        String point = notifications.createPullPoint();

        assertThat(notifications.publish(notice)).containsExactlyInAnyOrder(one, two);
        assertThat(notifications.take(point, 16)).contains(List.of(notice));
        assertThat(notifications.take(point, 16)).contains(List.of()); // taken off the queue
        assertThat(notifications.last()).contains(notice);
    }

    @Test
    void aConsumerSubscribedTwiceHasOneSubscriptionRenewed() {
        var first = notifications.subscribe("http://client/consumer", Optional.of(Duration.ofMinutes(1)));
        advance(Duration.ofSeconds(50));
        var again = notifications.subscribe("http://client/consumer", Optional.of(Duration.ofMinutes(1)));
        assertThat(again.id()).isEqualTo(first.id());
        advance(Duration.ofSeconds(50)); // the first lifetime is over, the renewed one not
        assertThat(notifications.publish(notice)).extracting(FailureNotifications.Subscription::id)
                .containsExactly(first.id());
    }

    @Test
    void subscriptionsExpireAreRenewedAndEnd() {
        var subscription = notifications.subscribe("http://client/consumer", Optional.of(Duration.ofSeconds(10)));
        advance(Duration.ofSeconds(9));
        assertThat(notifications.renew(subscription.id(), Optional.of(Duration.ofSeconds(10)))).isPresent();
        advance(Duration.ofSeconds(9));
        assertThat(notifications.subscriptionCount()).isEqualTo(1);
        advance(Duration.ofSeconds(2));
        assertThat(notifications.subscriptionCount()).isZero();
        assertThat(notifications.renew(subscription.id(), Optional.empty())).isEmpty();
        var other = notifications.subscribe("http://client/consumer", Optional.empty());
        assertThat(notifications.unsubscribe(other.id())).isTrue();
        assertThat(notifications.unsubscribe(other.id())).isFalse();
        assertThatThrownBy(() -> notifications.subscribe("http://c", Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLifetimeIsCappedAtADay() {
        notifications.subscribe("http://client/consumer", Optional.of(Duration.ofDays(30)));
        advance(FailureNotifications.MAX_LIFETIME.plusSeconds(1));
        assertThat(notifications.subscriptionCount()).isZero();
    }

    @Test
    void anUndeliverableSubscriptionEnds() {
        var subscription = notifications.subscribe("http://gone/consumer", Optional.empty());
        notifications.undeliverable(subscription.id());
        assertThat(notifications.publish(notice)).isEmpty();
    }

    @Test
    void pullPointsKeepOnlyTheNewestNoticesAndIdleOut() {
        String point = notifications.createPullPoint();
        for (int epoch = 2; epoch < 2 + FailureNotifications.QUEUE + 5; epoch++) {
            notifications.publish(new FailureNotice("counter", epoch, "b"));
        }
        List<FailureNotice> taken = notifications.take(point, 100).orElseThrow();
        assertThat(taken).hasSize(FailureNotifications.QUEUE);
        assertThat(taken.get(taken.size() - 1).epoch()).isEqualTo(1 + FailureNotifications.QUEUE + 5);
        assertThat(notifications.take(point, 1)).isPresent();

        advance(FailureNotifications.PULL_POINT_IDLE);
        assertThat(notifications.take(point, 1)).isEmpty();
        String another = notifications.createPullPoint();
        assertThat(notifications.destroyPullPoint(another)).isTrue();
        assertThat(notifications.destroyPullPoint(another)).isFalse();
    }

    @Test
    void anyoneMaySubscribeButTheOldestGoWhenTheLimitIsReached() {
        var first = notifications.subscribe("http://client-0/consumer", Optional.empty());
        for (int i = 1; i <= FailureNotifications.MAX_SUBSCRIPTIONS; i++) {
            notifications.subscribe("http://client-" + i + "/consumer", Optional.empty());
        }
        assertThat(notifications.subscriptionCount()).isEqualTo(FailureNotifications.MAX_SUBSCRIPTIONS);
        assertThat(notifications.renew(first.id(), Optional.empty())).isEmpty();
        String oldest = notifications.createPullPoint();
        for (int i = 1; i <= FailureNotifications.MAX_PULL_POINTS; i++) {
            notifications.createPullPoint();
        }
        assertThat(notifications.pullPointCount()).isEqualTo(FailureNotifications.MAX_PULL_POINTS);
        assertThat(notifications.take(oldest, 1)).isEmpty();
    }
}
