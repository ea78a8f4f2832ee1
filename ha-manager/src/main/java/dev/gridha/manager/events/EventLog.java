package dev.gridha.manager.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manager's recent events, newest last, bounded; each is also logged. Thread-safe. */
public final class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.gridha.manager");

    private final Clock clock;
    private final int capacity;
    private final Deque<ManagerEvent> events = new ArrayDeque<>();

    public EventLog(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("an event log holds at least one event");
        }
        this.capacity = capacity;
    }

    public ManagerEvent record(String container, String kind, String text) {
        ManagerEvent event = new ManagerEvent(clock.instant(), container, kind, text);
        LOG.info("{} [{}] {}", container, kind, text);
        synchronized (events) {
            events.addLast(event);
            while (events.size() > capacity) {
                events.removeFirst();
            }
        }
        return event;
    }

    /** The events kept, oldest first. */
    public List<ManagerEvent> recent() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
