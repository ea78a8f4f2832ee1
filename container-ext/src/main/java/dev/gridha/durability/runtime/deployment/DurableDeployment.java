package dev.gridha.durability.runtime.deployment;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.failover.ReplicaView;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.durability.runtime.Action;
import dev.gridha.durability.runtime.ActionScope;
import dev.gridha.durability.runtime.Checkpointer;
import dev.gridha.durability.runtime.CompletedRequests;
import dev.gridha.durability.runtime.DurabilityRuntime;
import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.GeneratedDurableService;
import dev.gridha.durability.runtime.ReconstructedStateContext;
import dev.gridha.durability.runtime.RecordedUpdate;
import dev.gridha.durability.runtime.RecordedUpdateCodec;
import dev.gridha.durability.runtime.ReplicaApplier;
import dev.gridha.durability.runtime.ReplicatedStateContext;
import dev.gridha.durability.runtime.ReplicatingCommitter;
import dev.gridha.durability.runtime.SerializingCheckpointer;
import dev.gridha.durability.runtime.ServedEpoch;
import dev.gridha.durability.runtime.ServiceTransactions;
import dev.gridha.durability.runtime.StateSnapshots;
import dev.gridha.durability.runtime.StateContext;
import dev.gridha.durability.runtime.database.DatabaseRecovery;
import dev.gridha.durability.runtime.database.DatabaseStateContext;
import dev.gridha.durability.runtime.database.DatabaseTransaction;
import dev.gridha.durability.runtime.database.NamedSql;
import dev.gridha.durability.runtime.database.StateDatabase;
import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;
import dev.gridha.durability.runtime.mapping.Mechanism;
import dev.gridha.durability.runtime.mapping.StateObjectDescriptor;
import dev.gridha.durability.runtime.mapping.UpdateDescriptor;

/**
 * The durability runtime of one deployed service: built from the service's generated mapping descriptor and
 * the WAR's {@link DeploymentConfig}, it gives each state object the context of its mechanism, brackets each
 * request as an atomic action, and, depending on the role, replicates committed actions to the backups or
 * receives and applies them.
 *
 * <p>Life cycle: {@link #start} (database initialization, replication channels), then {@link #bind} the
 * generated service (backups create their objects, others recover theirs from the database), then requests,
 * then {@link #close}.
 */
public final class DurableDeployment implements DurabilityRuntime, AutoCloseable {

    /** Service transactions open at once on one deployment. */
    static final int MAX_OPEN_TRANSACTIONS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(DurableDeployment.class);
    /** Role changes, under one name an operator can turn on alone (the launcher shows it at INFO). */
    private static final Logger FAILOVER = LoggerFactory.getLogger("dev.gridha.failover");
    /** Stateless, so one serves every context. */
    private static final Checkpointer SERIALIZING = new SerializingCheckpointer();
    private static final int MAX_FRAME_BYTES = RecordedUpdateCodec.MAX_BYTES + 64 * 1024;

    private record Address(String stateObject, String key) {
    }

    /** Where a service keeps its keyed objects (its WS-Resource home), as recovery and rollback need it. */
    public interface KeyedObjects {
        /** Recovery rebuilt this object: put it back under its key. */
        void recovered(String stateObject, String key, DurableState object);

        /** The request that created this object failed: forget it without destroying anything durable. */
        void discarded(String stateObject, String key);
    }

    /** For a service without keyed objects. */
    public static final KeyedObjects NO_KEYED_OBJECTS = new KeyedObjects() {
        @Override
        public void recovered(String stateObject, String key, DurableState object) {
            throw new IllegalStateException("recovery found keyed object " + stateObject + " [" + key
                    + "], but this service has no keyed objects");
        }

        @Override
        public void discarded(String stateObject, String key) {
        }
    };

    private final DurabilityDescriptor descriptor;
    private final DeploymentConfig config;
    private final Supplier<String> requestIds;
    private final Supplier<String> transactionIds;
    private final RecordedUpdateCodec codec;
    private final Map<String, Map<String, List<NamedSql>>> sqlByObject = new HashMap<>();
    private final Map<String, List<NamedSql>> onCreateSql = new HashMap<>();
    private final Map<String, List<NamedSql>> onDestroySql = new HashMap<>();
    private final Map<Address, DatabaseStateContext> databaseContexts = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> serializedUpdates = new HashMap<>();
    private final ReplicaApplier replicaApplier;
    private final OpenResources resources = new OpenResources();
    private volatile ActionScope actions;
    private volatile ServiceTransactions transactions;
    private TransactionSweeper sweeper;
    private volatile StateDatabase database;
    private ReplicationEndpoint replication;
    private volatile KeyedObjects keyedObjects = NO_KEYED_OBJECTS;
    /** The role now: the configured one, until a failover promotes a backup or deposes a primary. */
    private volatile Role role;
    private volatile GeneratedDurableService service;
    /** A failover group's backup: the contexts to switch when it is promoted. */
    private final Map<Address, PromotableContext> promotable = new ConcurrentHashMap<>();
    /** This deployment's part in its failover group; {@code null} without failover. */
    private GroupMembership group;
    /** A primary out of touch with the group's arbiter replies to nothing (zookeeper mode). */
    private volatile boolean paused;
    /** Told when this replica has taken over and serves (FAILURE notifications). */
    private final List<Consumer<ReplicaView>> promotionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** Fault-tolerant clients' executed requests and their results (exactly-once). */
    private final CompletedRequests completed = new CompletedRequests();
    private final CatchUp catchUp;
    private final CompletedRequestTable completedTable;

    /** Opens the primary's channel to one backup named as in {@code gridha.backups}. */
    @FunctionalInterface
    public interface TransportFactory {
        StateTransfer connect(String backup);
    }

    private TransportFactory transports = backup -> ReplicationEndpoint.socketTo(config(), backup, MAX_FRAME_BYTES);

    private DurableDeployment(DurabilityDescriptor descriptor, DeploymentConfig config,
                              List<String> applicationPackages, Supplier<String> requestIds,
                              Supplier<String> transactionIds) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.config = Objects.requireNonNull(config, "config");
        this.role = config.role();
        this.completedTable = new CompletedRequestTable(config.group());
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.transactionIds = Objects.requireNonNull(transactionIds, "transactionIds");
        this.codec = new RecordedUpdateCodec(applicationPackages);
        this.replicaApplier = new ReplicaApplier(codec);
        this.catchUp = new CatchUp(config, descriptor, codec, replicaApplier, completed);
        for (StateObjectDescriptor object : descriptor.stateObjects().values()) {
            Map<String, List<NamedSql>> updates = new LinkedHashMap<>();
            for (UpdateDescriptor update : object.updates().values()) {
                updates.put(update.updateId(), update.sql().stream().map(NamedSql::new).toList());
            }
            sqlByObject.put(object.name(), updates);
            onCreateSql.put(object.name(), object.onCreate().stream().map(NamedSql::new).toList());
            onDestroySql.put(object.name(), object.onDestroy().stream().map(NamedSql::new).toList());
            serializedUpdates.put(object.name(), object.updates().values().stream()
                    .filter(u -> u.kind() == UpdateDescriptor.Kind.SERIALIZE).map(UpdateDescriptor::updateId)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }
    }

    /**
     * Opens what the deployment needs: the state database (tables created by the mapping's initialization),
     * connections to every backup (primary) or the replication port (backup).
     *
     * @param applicationPackages packages whose classes may travel as update arguments
     * @param requestIds          the id of the request served on the calling thread
     * @throws IllegalStateException naming what could not be opened; nothing stays open then
     */
    public static DurableDeployment start(DurabilityDescriptor descriptor, DeploymentConfig config,
                                          List<String> applicationPackages, Supplier<String> requestIds) {
        return start(descriptor, config, applicationPackages, requestIds, null);
    }

    /**
     * @param soap how a primary reaches a backup over a SOAP transport ({@code soap} or {@code notification};
     *             it lives where the CXF bus is)
     */
    public static DurableDeployment start(DurabilityDescriptor descriptor, DeploymentConfig config,
                                          List<String> applicationPackages, Supplier<String> requestIds,
                                          TransportFactory soap) {
        return start(descriptor, config, applicationPackages, requestIds, () -> null, soap);
    }

    /**
     * @param transactionIds the service transaction the request on the calling thread belongs to, or
     *                       {@code null} for a request of its own
     */
    public static DurableDeployment start(DurabilityDescriptor descriptor, DeploymentConfig config,
                                          List<String> applicationPackages, Supplier<String> requestIds,
                                          Supplier<String> transactionIds, TransportFactory soap) {
        DurableDeployment deployment = new DurableDeployment(descriptor, GroupMembership.settle(config),
                applicationPackages, requestIds, transactionIds);
        if (config.transport() != DeploymentConfig.Transport.SOCKET) {
            if (soap == null) {
                throw new IllegalArgumentException("the " + config.transport().name().toLowerCase(java.util.Locale.ROOT)
                        + " transport needs a CXF bus: deploy through a servlet");
            }
            deployment.transports = soap;
        }
        try {
            deployment.open();
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    private void open() {
        if (config.role() != Role.BACKUP && usesDatabase()) {
            openDatabase();
        }
        replication = ReplicationEndpoint.open(config, replicaApplier, transports, MAX_FRAME_BYTES);
        resources.add(replication);
        if (config.failover().enabled()) {
            group = resources.add(GroupMembership.start(config, roleChanges()));
        }
        useReplicator(replication.replicator());
        LOG.info("{} deployed as {}", descriptor.service(), config.role().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void openDatabase() {
        StateDatabase opened = resources.add(new StateDatabase(config.database()));
        for (StateObjectDescriptor object : descriptor.stateObjects().values()) {
            if (object.mechanism() == Mechanism.DATABASE && !object.initialization().isEmpty()) {
                opened.runInTransaction(object.initialization().stream().map(NamedSql::new).toList());
            }
        }
        completedTable.load(opened, completed);
        database = opened;
    }

    /** Actions commit through {@code replicator} (none: nothing to replicate) from now on. */
    private void useReplicator(PrimaryReplicator replicator) {
        Consumer<Action> committer = replicator == null ? action -> { } : replicatingTo(replicator);
        ActionScope scope = new ActionScope(committer);
        // An open transaction holds no database connection (its statements run at commit), but it does hold
        // its objects, its statements and its replication buffer: bound how many clients can pile them up.
        ServiceTransactions opened = new ServiceTransactions(scope, MAX_OPEN_TRANSACTIONS,
                ActionScope.DEFAULT_LOCK_TIMEOUT, System::nanoTime);
        resources.add(opened::rollBackAll);
        actions = scope;
        transactions = opened;
    }

    /** Replicates each action to every backup before it commits; in a failover group, guarded by it. */
    private Consumer<Action> replicatingTo(PrimaryReplicator replicator) {
        if (group == null) {
            return new ReplicatingCommitter(replicator, codec);
        }
        return group.guard(new ReplicatingCommitter(replicator, codec), replicator);
    }

    /** What this deployment does when the group's membership changes its role. */
    private GroupMembership.Roles roleChanges() {
        return new GroupMembership.Roles() {
            @Override
            public void promote(ReplicaView view) {
                DurableDeployment.this.promote(view);
            }

            @Override
            public void follow(long epoch) {
                if (replication.receiver() != null) {
                    replication.receiver().log().fence(epoch);
                }
            }

            @Override
            public void standDown() {
                role = Role.DEPOSED;
            }

            @Override
            public void pause(boolean on) {
                paused = on;
            }

            @Override
            public boolean canJoin() {
                return role == Role.BACKUP && replication.receiver() != null;
            }

            @Override
            public boolean admit(String replica) {
                return DurableDeployment.this.admit(replica);
            }
        };
    }

    /** Catch-up: this primary takes {@code replica} in ({@link CatchUp}). */
    private synchronized boolean admit(String replica) {
        PrimaryReplicator replicator = replication.replicator();
        if (closed || role != Role.PRIMARY || replicator == null) {
            return false;
        }
        return catchUp.admit(replica, replicator, actions, transports,
                replication.receiver() == null ? null : replication.receiver().log());
    }

    /**
     * Failover: this backup becomes the primary of {@code view}. It applies what it received, opens the
     * database and recovers its database objects from it (the old primary committed them there), connects to
     * the remaining backups, switches its objects to the primary's contexts, and only then serves.
     */
    private synchronized void promote(ReplicaView view) {
        if (closed || role != Role.BACKUP) {
            return;
        }
        long started = System.nanoTime();
        try {
            List<StateTransfer> backups = new ArrayList<>();
            Map<String, String> replicaAt = new HashMap<>();
            for (String backup : view.backups()) {
                try {
                    StateTransfer transfer = transports.connect(config.failover().replica(backup).hostAndPort());
                    backups.add(transfer);
                    replicaAt.put(transfer.peer(), backup);
                } catch (RuntimeException e) {
                    group.leftOutAtPromotion(backup, e.getMessage());
                }
            }
            if (usesDatabase()) {
                openDatabase();
            }
            PrimaryReplicator promoted = replication.promote(view.epoch(), backups);
            // the old primary's last updates may have reached this replica and not the others: they get them
            // now, or (holding different ones) leave the view to be re-synchronized
            promoted.resend(replication.receiver().log().appliedTail()).forEach((peer, why) -> {
                promoted.drop(peer);
                group.leftOutAtPromotion(replicaAt.getOrDefault(peer, peer), why);
            });
            useReplicator(promoted);
            GeneratedDurableService bound = service;
            if (bound != null) {
                recoverDatabaseObjects(bound, keyedObjects);
            }
            promotable.values().forEach(PromotableContext::promote);
            promotable.clear();
            role = Role.PRIMARY;
            FAILOVER.info("{} of group {}: promoted to primary of {} in {} ms, continuing after update {}",
                    config.failover().self(), config.group(), view, (System.nanoTime() - started) / 1_000_000,
                    replication.sequence());
            for (Consumer<ReplicaView> listener : promotionListeners) {
                listener.accept(view);
            }
        } catch (RuntimeException e) {
            FAILOVER.error("{}: promotion to primary of {} failed; not serving", config.failover().self(), view, e);
        }
    }

    /**
     * Binds the generated service: a backup creates its singleton objects so the first update finds them;
     * a primary or standalone deployment rebuilds its database objects from the rows (recovery), handing
     * keyed ones to {@code keyedObjects}, which also receives the keyed objects a backup's primary creates
     * and destroys.
     */
    public void bind(GeneratedDurableService service, KeyedObjects keyedObjects) {
        this.keyedObjects = Objects.requireNonNull(keyedObjects, "keyedObjects");
        replicaApplier.keyedReplicas(new ReplicaApplier.KeyedReplicas() {
            @Override
            public DurableState create(String stateObject, String key) {
                DurableState object = service.restoredStateObject(stateObject, key);
                keyedObjects.recovered(stateObject, key, object);
                return object;
            }

            @Override
            public void destroy(String stateObject, String key) {
                promotable.remove(new Address(stateObject, key));
                keyedObjects.discarded(stateObject, key);
            }
        });
        if (role == Role.BACKUP) {
            for (StateObjectDescriptor object : descriptor.stateObjects().values()) {
                if (object.mechanism() == Mechanism.REPLICATION && !object.keyed()) {
                    service.singletonStateObject(object.name());
                }
            }
        } else {
            recoverDatabaseObjects(service, keyedObjects);
        }
        this.service = service;
    }

    private void recoverDatabaseObjects(GeneratedDurableService service, KeyedObjects keyedObjects) {
        for (StateObjectDescriptor object : descriptor.stateObjects().values()) {
            if (object.mechanism() == Mechanism.DATABASE && object.recovery().isPresent()) {
                int rows = recover(service, object, keyedObjects);
                LOG.info("{}: recovered state object '{}' from {} row{}", descriptor.service(), object.name(), rows,
                        rows == 1 ? "" : "s");
            }
        }
    }

    private int recover(GeneratedDurableService service, StateObjectDescriptor object, KeyedObjects keyedObjects) {
        var recovery = object.recovery().orElseThrow();
        Map<String, DurableState> rebuilt = new HashMap<>();
        int rows = new DatabaseRecovery(recovery.query(), recovery.keyColumn(), recovery.updateId(),
                recovery.columns()).recover(database, key -> {
                    if (!object.keyed()) {
                        return service.singletonStateObject(object.name());
                    }
                    return rebuilt.computeIfAbsent(key, k -> service.restoredStateObject(object.name(), k));
                });
        rebuilt.forEach((key, state) -> keyedObjects.recovered(object.name(), key, state));
        return rows;
    }

    /** A backup's receiving side, for a transport published outside the deployment (SOAP, WS-Notification). */
    public dev.gridha.container.replication.StateUpdateHandler backupReceiver() {
        if (replication.receiver() == null) {
            throw new IllegalStateException("only a backup receives state updates");
        }
        return replication.receiver();
    }

    public DeploymentConfig config() {
        return config;
    }

    /** Closes {@code resource} with this deployment (a transport endpoint published beside it). */
    /** {@code listener} hears of every take-over by this replica, once it serves as the new primary. */
    public void onPromotion(Consumer<ReplicaView> listener) {
        promotionListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void closeWith(AutoCloseable resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
    }

    @Override
    public StateContext context(String stateObject, String key) {
        StateObjectDescriptor object = descriptor.stateObject(stateObject);
        if (role == Role.BACKUP && object.mechanism() != Mechanism.RECONSTRUCTION) {
            StateContext backup = new BackupStateContext(stateObject);
            if (!config.failover().enabled()) {
                return backup;
            }
            PromotableContext context = new PromotableContext(backup, () -> primaryContext(object, key));
            promotable.put(new Address(stateObject, key), context);
            return context;
        }
        return primaryContext(object, key);
    }

    private StateContext primaryContext(StateObjectDescriptor object, String key) {
        String stateObject = object.name();
        return switch (object.mechanism()) {
            case RECONSTRUCTION -> ReconstructedStateContext.INSTANCE;
            case REPLICATION -> new ReplicatedStateContext(actions, stateObject, key, checkpointer(object, key),
                    serializedUpdates.get(stateObject));
            case DATABASE -> {
                DatabaseStateContext context = new DatabaseStateContext(actions, database, stateObject, key,
                        sqlByObject.get(stateObject), checkpointer(object, key));
                databaseContexts.put(new Address(stateObject, key), context);
                yield context;
            }
        };
    }

    private Checkpointer checkpointer(StateObjectDescriptor object, String key) {
        return switch (object.checkpoint()) {
            case NONE -> Checkpointer.NONE;
            case SERIALIZE -> SERIALIZING;
            case RECOVER -> state -> () -> recoverOne(object, key, state);
        };
    }

    /** The {@code recover} checkpoint: put one object back by replaying its rows. */
    private void recoverOne(StateObjectDescriptor object, String key, DurableState state) {
        var recovery = object.recovery().orElseThrow(() -> new IllegalStateException("state object '"
                + object.name() + "' checkpoints by recovery but its mapping has no recovery"));
        try {
            new DatabaseRecovery(recovery.query(), recovery.keyColumn(), recovery.updateId(), recovery.columns())
                    .recover(database, rowKey -> Objects.equals(rowKey, key) ? state : IGNORED);
        } catch (RuntimeException e) {
            LOG.error("state object '{}'{} could not be reloaded after a rolled-back request: {}", object.name(),
                    key == null ? "" : " [" + key + "]", e.toString());
            throw e;
        }
    }

    private static final DurableState IGNORED = (update, arguments) -> { };

    @Override
    public void created(String stateObject, String key, DurableState object, Object[] arguments) {
        StateObjectDescriptor descriptorOf = descriptor.stateObject(stateObject);
        replicaApplier.register(stateObject, key, object);
        if (key != null && actions.current().isPresent()) {
            actions.current().get().onRollback(() -> {
                databaseContexts.remove(new Address(stateObject, key));
                keyedObjects.discarded(stateObject, key);
            });
        }
        if (role != Role.BACKUP && descriptorOf.mechanism() == Mechanism.REPLICATION && key != null) {
            // The backups build the object from its state at birth: its constructor's arguments are not
            // an update any backup could repeat.
            if (!(object instanceof java.io.Serializable)) {
                throw new IllegalStateException("keyed state object '" + stateObject + "' is replicated, so its"
                        + " class must be java.io.Serializable for the backups to create it");
            }
            action("creating " + stateObject).record(new RecordedUpdate(stateObject, key, RecordedUpdate.CREATED,
                    new Object[] {StateSnapshots.serialize(object)}));
        }
        if (role != Role.BACKUP && descriptorOf.mechanism() == Mechanism.DATABASE
                && !descriptorOf.onCreate().isEmpty()) {
            databaseContext(stateObject, key).run(onCreateSql.get(stateObject),
                    arguments);
        }
    }

    /**
     * A keyed object's resource was destroyed: its on-destroy statements run in the current request's
     * action, or in an action of their own when the lifetime scheduler removed it. {@code undo} puts the
     * resource back if that action fails.
     */
    public void destroyed(String stateObject, String key, Runnable undo) {
        StateObjectDescriptor object = descriptor.stateObject(stateObject);
        promotable.remove(new Address(stateObject, key));
        if (role != Role.BACKUP && object.mechanism() == Mechanism.REPLICATION) {
            inAction(undo, action -> {
                action.record(new RecordedUpdate(stateObject, key, RecordedUpdate.DESTROYED, new Object[0]));
                // gone from the snapshots a joining backup gets, unless the request is rolled back
                replicaApplier.unregister(stateObject, key).ifPresent(gone ->
                        action.onRollback(() -> replicaApplier.register(stateObject, key, gone)));
            });
            return;
        }
        if (role == Role.BACKUP || object.mechanism() != Mechanism.DATABASE || object.onDestroy().isEmpty()) {
            databaseContexts.remove(new Address(stateObject, key));
            return;
        }
        inAction(undo, action -> databaseContext(stateObject, key).run(
                onDestroySql.get(stateObject), new Object[0]));
        databaseContexts.remove(new Address(stateObject, key));
    }

    /**
     * Runs {@code work} in the request's action, or in an action of its own when there is none (the
     * lifetime scheduler destroying an expired resource), with {@code undo} if that action fails.
     */
    private void inAction(Runnable undo, Consumer<Action> work) {
        boolean ownAction = actions.current().isEmpty();
        Action action = ownAction ? actions.start(null) : actions.current().get();
        action.onRollback(undo);
        try {
            work.accept(action);
        } catch (RuntimeException e) {
            if (ownAction) {
                actions.abort(action);
            }
            throw e;
        }
        if (ownAction) {
            actions.commit(action);
        }
    }

    private Action action(String what) {
        return actions.current().orElseThrow(() -> new IllegalStateException(what + " outside a request: it"
                + " would never reach the backups"));
    }

    private DatabaseStateContext databaseContext(String stateObject, String key) {
        DatabaseStateContext context = databaseContexts.get(new Address(stateObject, key));
        if (context == null) {
            throw new IllegalStateException("state object '" + stateObject + "'" + (key == null ? "" : " [" + key
                    + "]") + " has no database context: it was not created through this deployment");
        }
        return context;
    }

    @Override
    public java.util.Optional<Object> previousResult() {
        checkPrimary();
        java.util.Optional<CompletedRequests.ClientSequence> id = CompletedRequests.parse(requestIds.get());
        if (id.isEmpty() || transactionIds.get() != null) {
            return java.util.Optional.empty(); // not a fault-tolerant client's, or inside a service transaction
        }
        CompletedRequests.Start start = completed.begin(id.get(), this::resultHeldAsBackup,
                ActionScope.DEFAULT_LOCK_TIMEOUT);
        if (start instanceof CompletedRequests.Replay replay) {
            LOG.debug("{}: answering resubmitted {} with its recorded result", descriptor.service(),
                    id.get().requestId());
            return java.util.Optional.of(decodeResult(id.get(), replay.result()));
        }
        return java.util.Optional.empty();
    }

    /** A promoted backup still holds the results its primary sent with each update. */
    private java.util.Optional<byte[]> resultHeldAsBackup(String requestId) {
        return replication.receiver() == null ? java.util.Optional.empty()
                : replication.receiver().log().resultOf(requestId);
    }

    private Object decodeResult(CompletedRequests.ClientSequence id, byte[] result) {
        if (result.length == 0) {
            throw new RequestAlreadyExecutedException(id.requestId(), "its reply could not be recorded");
        }
        try {
            return codec.decodeResult(result);
        } catch (IllegalArgumentException e) {
            throw new RequestAlreadyExecutedException(id.requestId(), e.getMessage());
        }
    }

    @Override
    public Action start() {
        String requestId = requestIds.get();
        try {
            checkPrimary();
            PrimaryReplicator replicator = replication.replicator();
            if (group != null && replicator != null) {
                ServedEpoch.set(replicator.epoch()); // the reply will say which primary served it
            }
            String transaction = transactionIds.get();
            return transaction == null ? actions.start(requestId) : transactions.enter(transaction);
        } catch (RuntimeException e) {
            // previousResult marked it running; it never started, so a resubmission must be able to run it
            CompletedRequests.parse(requestId).ifPresent(completed::abandon);
            throw e;
        }
    }

    @Override
    public void commit(Action action, Object result) {
        if (action.transactionId() != null) {
            transactions.leave(action); // commitA inside a transaction: it waits for commitTA
            return;
        }
        java.util.Optional<CompletedRequests.ClientSequence> id = CompletedRequests.parse(action.requestId());
        boolean remembered = id.isPresent() && action.changedState();
        byte[] encoded = remembered || replication.replicator() != null && !action.recordedUpdates().isEmpty()
                ? ResultEncoding.encode(result) : null;
        if (encoded != null) {
            action.result(encoded);
        }
        if (remembered && database != null && action.hasParticipant(database)) {
            // in the same transaction as the rows it changed: after a restart the result is there exactly
            // when the change is
            DatabaseTransaction transaction = action.participant(database, database::begin);
            completedTable.record(transaction, id.get(), encoded);
        }
        try {
            actions.commit(action);
        } catch (RuntimeException | Error e) {
            id.ifPresent(completed::abandon);
            throw e;
        }
        id.ifPresent(sequence -> {
            if (remembered) {
                completed.finish(sequence, encoded);
            } else {
                completed.abandon(sequence); // a read: running it again is harmless
            }
        });
    }

    @Override
    public void abort(Action action) {
        if (action.transactionId() != null) {
            transactions.failed(action, String.valueOf(requestIds.get()));
            return;
        }
        try {
            actions.abort(action);
        } finally {
            CompletedRequests.parse(action.requestId()).ifPresent(completed::abandon);
        }
    }

    public String beginTransaction(java.time.Duration timeout) {
        checkPrimary();
        startSweeper();
        return transactions.begin(timeout);
    }

    /** commitTA: everything the transaction did becomes durable at once, or (throwing) nothing does. */
    public void commitTransaction(String id) {
        checkPrimary();
        transactions.commit(id);
    }

    /** abortTA: everything the transaction did is undone. */
    public void rollBackTransaction(String id) {
        checkPrimary();
        transactions.rollBack(id);
    }

    /** The sweeper's thread starts with the first transaction: most deployments never open one. */
    private synchronized void startSweeper() {
        if (sweeper == null) {
            sweeper = resources.add(TransactionSweeper.every(java.time.Duration.ofSeconds(1), transactions,
                    descriptor.service()));
        }
    }

    private void checkPrimary() {
        Role now = role;
        if (paused && now == Role.PRIMARY) {
            throw new NotPrimaryException(descriptor.service() + " in group " + config.group() + " has lost contact"
                    + " with ZooKeeper and replies to nothing until it is back: a backup may be taking over");
        }
        if (!now.serves()) {
            throw new NotPrimaryException(descriptor.service() + " in group " + config.group() + " is "
                    + (now == Role.DEPOSED ? "a deposed primary" : "a backup") + ": send requests to the primary");
        }
    }

    /** The role now (a failover changes it). */
    public Role role() {
        return role;
    }

    /**
     * A primary: how many backups could take over if it died now (in a failover group those of the group's
     * view: a joiner being taken in already receives updates but cannot be promoted); other roles: 0.
     */
    int backupsThatCanTakeOver() {
        PrimaryReplicator replicator = replication.replicator();
        if (role != Role.PRIMARY || replicator == null) {
            return 0;
        }
        return group == null ? replicator.backupCount() : group.backupsInView();
    }

    /** The port a backup receives state updates on (useful when configured as 0). */
    public int replicationPort() {
        return replication.port();
    }

    /** Primary: the sequence number of the last update sent to the backups; backup: the last applied. */
    public long sequence() {
        return replication.sequence();
    }

    /** A backup: the sequence number of the last update applied, after applying every one received. */
    public long appliedThroughSequence() {
        return replication.appliedThroughSequence();
    }

    /**
     * Publishes this deployment's status over JMX as {@code dev.gridha:type=DurableDeployment,name=<name>}
     * until it is closed.
     */
    public void registerStatus(String name) {
        DeploymentStatus status = new DeploymentStatus(descriptor.service(), config.group(), this::role,
                replication::sequence, replication::pending, this::backupsThatCanTakeOver);
        try {
            ObjectName objectName = new ObjectName("dev.gridha:type=DurableDeployment,name="
                    + ObjectName.quote(name));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName); // a webapp restarted in the same JVM
            }
            server.registerMBean(status, objectName);
            resources.add(() -> server.unregisterMBean(objectName));
        } catch (JMException e) {
            LOG.warn("status of {} not published over JMX: {}", name, e.toString());
        }
    }

    private boolean usesDatabase() {
        return descriptor.stateObjects().values().stream().anyMatch(o -> o.mechanism() == Mechanism.DATABASE);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true; // no promotion may open anything from now on
        }
        resources.close();
    }
}
