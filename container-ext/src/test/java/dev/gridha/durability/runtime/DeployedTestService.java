package dev.gridha.durability.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.gridha.durability.runtime.mapping.CheckpointStrategy;
import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;
import dev.gridha.durability.runtime.mapping.Mechanism;
import dev.gridha.durability.runtime.mapping.RecoveryDescriptor;
import dev.gridha.durability.runtime.mapping.StateObjectDescriptor;
import dev.gridha.durability.runtime.mapping.UpdateDescriptor;

/**
 * A service shaped the way the compiler generates one, with two state objects: keyed counters on the
 * database and one replicated "total" counter. The operations bracket themselves as generated code does.
 */
final class DeployedTestService implements GeneratedDurableService {

    static final DurabilityDescriptor DURABILITY = DurabilityDescriptor.of("test.CounterService", List.of(
            StateObjectDescriptor.of("counter", Mechanism.DATABASE, true,
                    List.of("CREATE TABLE IF NOT EXISTS dc (k VARCHAR(64) PRIMARY KEY, v INT NOT NULL)"),
                    List.of("INSERT INTO dc VALUES (:key, :arg0)"),
                    List.of("DELETE FROM dc WHERE k = :key"),
                    List.of(new UpdateDescriptor("setValue(int)", UpdateDescriptor.Kind.SQL,
                            List.of("UPDATE dc SET v = :arg0 WHERE k = :key"))),
                    new RecoveryDescriptor("SELECT k, v FROM dc", Optional.of("k"), "setValue(int)", List.of("v")),
                    CheckpointStrategy.SERIALIZE),
            StateObjectDescriptor.of("total", Mechanism.REPLICATION, false, List.of(), List.of(), List.of(),
                    List.of(new UpdateDescriptor("setValue(int)", UpdateDescriptor.Kind.REPEAT, List.of())),
                    null, CheckpointStrategy.SERIALIZE)));

    /** The same service with every object replicated (keyed counters included). */
    static final DurabilityDescriptor ALL_REPLICATED = DurabilityDescriptor.of("test.CounterService", List.of(
            StateObjectDescriptor.of("counter", Mechanism.REPLICATION, true, List.of(), List.of(), List.of(),
                    List.of(new UpdateDescriptor("setValue(int)", UpdateDescriptor.Kind.REPEAT, List.of())),
                    null, CheckpointStrategy.SERIALIZE),
            DURABILITY.stateObject("total")));

    private final DurabilityRuntime durability;
    final Map<String, TestCounter> counters = new ConcurrentHashMap<>();
    private TestCounter.Proxy total;

    DeployedTestService(DurabilityRuntime durability) {
        this.durability = durability;
    }

    /**
     * A service bound to {@code deployment}, its counters map following what the deployment recovers,
     * replicates in and discards.
     */
    static DeployedTestService boundTo(dev.gridha.durability.runtime.deployment.DurableDeployment deployment) {
        DeployedTestService service = new DeployedTestService(deployment);
        deployment.bind(service, new dev.gridha.durability.runtime.deployment.DurableDeployment.KeyedObjects() {
            @Override
            public void recovered(String stateObject, String key, DurableState object) {
                service.counters.put(key, (TestCounter) object);
            }

            @Override
            public void discarded(String stateObject, String key) {
                service.counters.remove(key);
            }
        });
        return service;
    }

    @Override
    public DurabilityDescriptor durabilityDescriptor() {
        return DURABILITY;
    }

    @Override
    public synchronized DurableState singletonStateObject(String stateObject) {
        if (!stateObject.equals("total")) {
            throw new IllegalArgumentException("no unkeyed state object named " + stateObject);
        }
        if (total == null) {
            total = new TestCounter.Proxy(durability.context("total", null), 0);
            durability.created("total", null, total, new Object[] {0});
        }
        return total;
    }

    @Override
    public DurableState restoredStateObject(String stateObject, String key) {
        return new TestCounter.Proxy(durability.context(stateObject, key), 0);
    }

    TestCounter total() {
        return (TestCounter) singletonStateObject("total");
    }

    /** The operation "create": a new counter with its row. */
    void create(String key, int initial) {
        Action action = durability.start();
        try {
            TestCounter.Proxy counter = new TestCounter.Proxy(durability.context("counter", key), initial);
            durability.created("counter", key, counter, new Object[] {initial});
            counters.put(key, counter);
        } catch (RuntimeException e) {
            durability.abort(action);
            throw e;
        }
        durability.commit(action, key);
    }

    /** The operation "destroy": the resource home's removal listener tells the runtime. */
    void destroy(String key, dev.gridha.durability.runtime.deployment.DurableDeployment deployment) {
        Action action = durability.start();
        TestCounter removed = counters.remove(key);
        try {
            deployment.destroyed("counter", key, () -> counters.put(key, removed));
        } catch (RuntimeException e) {
            durability.abort(action);
            throw e;
        }
        durability.commit(action, null);
    }

    /** The operation "add": the counter and the replicated total both grow. */
    int add(String key, int amount) {
        java.util.Optional<Object> previous = durability.previousResult();
        if (previous.isPresent()) {
            return (Integer) PreviousResults.replay(previous.get());
        }
        Action action = durability.start();
        int result;
        try {
            TestCounter counter = counters.get(key);
            counter.setValue(counter.getValue() + amount);
            total().setValue(total().getValue() + amount);
            result = counter.getValue();
        } catch (RuntimeException e) {
            durability.abort(action);
            throw e;
        }
        durability.commit(action, result);
        return result;
    }
}
