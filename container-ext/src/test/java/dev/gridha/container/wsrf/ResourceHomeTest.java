package dev.gridha.container.wsrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceHomeTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private MutableClock clock;
    private ResourceHome<StringBuilder> home;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        home = new ResourceHome<>("thing", clock, sequentialKeys());
    }

    private static Supplier<ResourceKey> sequentialKeys() {
        AtomicInteger next = new AtomicInteger();
        return () -> new ResourceKey("key-" + next.incrementAndGet());
    }

    @Test
    void createdResourceIsFoundByItsKey() throws Exception {
        StringBuilder state = new StringBuilder("hello");
        WsResource<StringBuilder> created = home.create(state);

        assertThat(created.key()).isEqualTo(new ResourceKey("key-1"));
        assertThat(created.created()).isEqualTo(T0);
        assertThat(created.terminationTime()).isEmpty();
        assertThat(home.find(created.key())).isSameAs(created);
        assertThat(home.find(created.key()).state()).isSameAs(state);
    }

    @Test
    void aStateFactoryIsGivenTheKeyItsResourceWillHave() throws Exception {
        WsResource<StringBuilder> created = home.create(key -> new StringBuilder("made for " + key), T0.plusSeconds(5));

        assertThat(created.state()).hasToString("made for key-1");
        assertThat(created.terminationTime()).contains(T0.plusSeconds(5));
        assertThat(home.find(new ResourceKey("key-1"))).isSameAs(created);
    }

    @Test
    void findOfUnknownKeyThrowsNamingTheHomeAndKey() {
        home.create(new StringBuilder());
        assertThatExceptionOfType(ResourceUnknownException.class)
                .isThrownBy(() -> home.find(new ResourceKey("no-such")))
                .withMessageContaining("no thing resource with key no-such")
                .satisfies(e -> assertThat(e.key()).isEqualTo(new ResourceKey("no-such")));
    }

    @Test
    void findOfNullKeyThrowsResourceUnknown() {
        home.create(new StringBuilder());
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(null));
    }

    @Test
    void destroyRemovesAndReturnsTheStateAndASecondDestroyThrows() throws Exception {
        StringBuilder state = new StringBuilder("last");
        ResourceKey key = home.create(state).key();

        assertThat(home.destroy(key)).isSameAs(state);
        assertThat(home.size()).isZero();
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.destroy(key));
    }

    @Test
    void futureTerminationTimeKeepsTheResourceUntilTheClockPassesIt() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        Instant at = T0.plusSeconds(60);

        assertThat(home.setTerminationTime(key, at)).isEqualTo(at);
        assertThat(home.find(key).terminationTime()).contains(at);

        clock.set(at.minusMillis(1));
        assertThat(home.find(key).key()).isEqualTo(key);
    }

    @Test
    void resourceIsUnknownOnceItsTerminationTimeHasComeEvenBeforeExpireRan() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        home.setTerminationTime(key, T0.plusSeconds(60));

        clock.set(T0.plusSeconds(60));

        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
        assertThat(home.size()).isZero();
        assertThat(home.expire()).isZero();
    }

    @Test
    void resourceCreatedWithATerminationTimeExpiresAtIt() {
        ResourceKey key = home.create(new StringBuilder(), T0.plusSeconds(5)).key();
        clock.advance(Duration.ofSeconds(6));
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
    }

    @Test
    void expireRemovesOnlyDueResourcesAndReturnsHowMany() throws Exception {
        ResourceKey soon = home.create(new StringBuilder(), T0.plusSeconds(10)).key();
        ResourceKey alsoSoon = home.create(new StringBuilder(), T0.plusSeconds(20)).key();
        ResourceKey later = home.create(new StringBuilder(), T0.plusSeconds(100)).key();
        ResourceKey never = home.create(new StringBuilder()).key();

        clock.set(T0.plusSeconds(20));

        assertThat(home.expire()).isEqualTo(2);
        assertThat(home.size()).isEqualTo(2);
        assertThat(home.find(later).key()).isEqualTo(later);
        assertThat(home.find(never).key()).isEqualTo(never);
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(soon));
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(alsoSoon));
        assertThat(home.expire()).isZero();
    }

    @Test
    void expireBeforeAnythingIsDueRemovesNothing() {
        home.create(new StringBuilder(), T0.plusSeconds(10));
        clock.set(T0.plusSeconds(9));
        assertThat(home.expire()).isZero();
        assertThat(home.size()).isEqualTo(1);
    }

    @Test
    void nullTerminationTimeCancelsAScheduledTermination() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        home.setTerminationTime(key, T0.plusSeconds(10));

        assertThat(home.setTerminationTime(key, null)).isNull();
        clock.advance(Duration.ofHours(1));

        assertThat(home.expire()).isZero();
        assertThat(home.find(key).terminationTime()).isEmpty();
    }

    @Test
    void terminationTimeOfNowDestroysAtOnce() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        home.setTerminationTime(key, T0);
        assertThat(home.size()).isZero();
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
    }

    @Test
    void terminationTimeInThePastDestroysAtOnce() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        home.setTerminationTime(key, T0.minusSeconds(1));
        assertThat(home.size()).isZero();
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
    }

    @Test
    void reschedulingLaterMeansTheOldTimeNoLongerDestroys() throws Exception {
        ResourceKey key = home.create(new StringBuilder()).key();
        home.setTerminationTime(key, T0.plusSeconds(10));
        home.setTerminationTime(key, T0.plusSeconds(100));

        clock.set(T0.plusSeconds(50));

        assertThat(home.expire()).isZero();
        assertThat(home.find(key).terminationTime()).contains(T0.plusSeconds(100));

        clock.set(T0.plusSeconds(100));
        assertThat(home.expire()).isEqualTo(1);
        assertThat(home.size()).isZero();
    }

    @Test
    void reschedulingEarlierDestroysAtTheNewTime() throws Exception {
        ResourceKey key = home.create(new StringBuilder(), T0.plusSeconds(100)).key();
        home.setTerminationTime(key, T0.plusSeconds(10));

        clock.set(T0.plusSeconds(10));

        assertThat(home.expire()).isEqualTo(1);
        assertThatExceptionOfType(ResourceUnknownException.class).isThrownBy(() -> home.find(key));
    }

    @Test
    void setTerminationTimeOfUnknownKeyThrows() {
        assertThatExceptionOfType(ResourceUnknownException.class)
                .isThrownBy(() -> home.setTerminationTime(new ResourceKey("ghost"), T0.plusSeconds(1)));
    }

    @Test
    void repeatedKeyFromTheSupplierThrowsAndKeepsTheFirstResource() throws Exception {
        ResourceHome<StringBuilder> stuck = new ResourceHome<>("stuck", clock, () -> new ResourceKey("same"));
        StringBuilder first = new StringBuilder("first");
        stuck.create(first);

        assertThatIllegalStateException().isThrownBy(() -> stuck.create(new StringBuilder("second")))
                .withMessageContaining("key same is already in use");
        assertThat(stuck.find(new ResourceKey("same")).state()).isSameAs(first);
        assertThat(stuck.size()).isEqualTo(1);
    }

    @Test
    void sizeCountsLiveResources() throws Exception {
        assertThat(home.size()).isZero();
        ResourceKey a = home.create(new StringBuilder()).key();
        home.create(new StringBuilder());
        home.create(new StringBuilder());
        assertThat(home.size()).isEqualTo(3);
        home.destroy(a);
        assertThat(home.size()).isEqualTo(2);
    }
}
