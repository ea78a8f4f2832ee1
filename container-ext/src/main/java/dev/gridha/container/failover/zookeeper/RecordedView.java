package dev.gridha.container.failover.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gridha.container.failover.ReplicaView;

/**
 * A group's view as {@code zookeeper} membership records it in one znode: the {@link ReplicaView} (epoch and
 * members, primary first) plus, for each member, the ZooKeeper session of the process that holds that place.
 * The session is what makes a place belong to a process, not to a name: a replica restarted under the same id
 * has a new session, so it cannot mistake the place of its dead predecessor (and that one's state) for its own;
 * it joins like a new replica. Session 0 marks a place from the configured list that no process has claimed.
 *
 * <p>Every change is a compare-and-set of the whole znode on its version, so two replicas can never both move
 * the group to the next epoch.
 */
public record RecordedView(ReplicaView view, Map<String, Long> sessions) {

    /** Not yet claimed by a process. */
    public static final long UNCLAIMED = 0;
    private static final String HEADER = "gridha-view/1";
    /** A view lists a handful of replicas; anything near this is not one of ours. */
    static final int MAX_BYTES = 16 * 1024;

    public RecordedView {
        Objects.requireNonNull(view, "view");
        sessions = Map.copyOf(sessions);
        if (!sessions.keySet().equals(Set.copyOf(view.members()))) {
            throw new IllegalArgumentException("sessions " + sessions.keySet() + " do not match the members of " + view);
        }
    }

    /** A group's first view: the configured list, epoch 1, no place claimed yet. */
    public static RecordedView initial(List<String> members) {
        Map<String, Long> sessions = new LinkedHashMap<>();
        members.forEach(member -> sessions.put(member, UNCLAIMED));
        return new RecordedView(ReplicaView.initial(members), sessions);
    }

    /** Whether {@code member} has a place no process has claimed yet. */
    public boolean unclaimed(String member) {
        return sessions.containsKey(member) && sessions.get(member) == UNCLAIMED;
    }

    /** Whether {@code member}'s place is held by {@code session}. */
    public boolean heldBy(String member, long session) {
        return session != UNCLAIMED && sessions.containsKey(member) && sessions.get(member) == session;
    }

    /** Whether {@code member} holds its place with a session that is still alive. */
    public boolean alive(String member, Set<Long> liveSessions) {
        Long session = sessions.get(member);
        return session != null && session != UNCLAIMED && liveSessions.contains(session);
    }

    /** {@code member}'s unclaimed place, now held by {@code session}. */
    public RecordedView claim(String member, long session) {
        if (!unclaimed(member)) {
            throw new IllegalArgumentException(member + "'s place in " + view + " is not free");
        }
        return withSession(view, member, session);
    }

    /**
     * The next epoch after the primary failed: {@code successor} is primary, followed by the other backups
     * that are still alive, in their order; dead or never-started backups are left out (they join again).
     */
    public RecordedView takeOver(String successor, Set<Long> liveSessions) {
        if (!view.backups().contains(successor)) {
            throw new IllegalArgumentException(successor + " is not a backup in " + view);
        }
        List<String> members = new ArrayList<>();
        members.add(successor);
        view.backups().stream().filter(b -> !b.equals(successor) && alive(b, liveSessions)).forEach(members::add);
        return subset(new ReplicaView(view.epoch() + 1, members));
    }

    /** The same epoch without {@code backups} (failed, or never started). */
    public RecordedView without(Collection<String> backups) {
        ReplicaView smaller = view;
        for (String backup : backups) {
            if (smaller.backups().contains(backup)) {
                smaller = smaller.withoutBackup(backup);
            }
        }
        return subset(smaller);
    }

    /**
     * The same epoch with {@code replica} as the most junior backup, held by {@code session}; a place it held
     * with an older session is given up first.
     */
    public RecordedView withJoiner(String replica, long session) {
        if (replica.equals(view.primary())) {
            throw new IllegalArgumentException(replica + " is the primary of " + view);
        }
        RecordedView base = without(List.of(replica));
        return base.withSession(base.view.withBackup(replica), replica, session);
    }

    private RecordedView subset(ReplicaView smaller) {
        Map<String, Long> kept = new LinkedHashMap<>();
        smaller.members().forEach(member -> kept.put(member, sessions.get(member)));
        return new RecordedView(smaller, kept);
    }

    private RecordedView withSession(ReplicaView target, String member, long session) {
        if (session == UNCLAIMED) {
            throw new IllegalArgumentException("session 0 is no ZooKeeper session");
        }
        Map<String, Long> changed = new LinkedHashMap<>();
        target.members().forEach(m -> changed.put(m, sessions.getOrDefault(m, UNCLAIMED)));
        changed.put(member, session);
        return new RecordedView(target, changed);
    }

    /** As stored in the znode: a header, the epoch, then one line per member in order. */
    public byte[] encode() {
        StringBuilder text = new StringBuilder(HEADER).append('\n').append("epoch=").append(view.epoch()).append('\n');
        for (String member : view.members()) {
            text.append("member=").append(member).append(' ').append(Long.toHexString(sessions.get(member))).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a stored view.
     *
     * @throws IllegalArgumentException if {@code data} is not a view this version wrote
     */
    public static RecordedView decode(byte[] data) {
        if (data == null || data.length == 0 || data.length > MAX_BYTES) {
            throw new IllegalArgumentException("not a gridha view: " + (data == null ? "no data" : data.length + " bytes"));
        }
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("epoch=")) {
            throw new IllegalArgumentException("not a gridha view (header or epoch missing)");
        }
        long epoch;
        try {
            epoch = Long.parseLong(lines[1].substring("epoch=".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a gridha view: epoch '" + lines[1] + "'");
        }
        List<String> members = new ArrayList<>();
        Map<String, Long> sessions = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("member=") || space <= "member=".length()) {
                throw new IllegalArgumentException("not a gridha view: line " + (i + 1) + " '" + line + "'");
            }
            String member = line.substring("member=".length(), space);
            try {
                sessions.put(member, Long.parseUnsignedLong(line.substring(space + 1), 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a gridha view: session on line " + (i + 1));
            }
            members.add(member);
        }
        return new RecordedView(new ReplicaView(epoch, members), sessions);
    }

    @Override
    public String toString() {
        return view.toString();
    }
}
