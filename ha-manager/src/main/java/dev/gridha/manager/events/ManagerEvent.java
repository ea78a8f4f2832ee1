package dev.gridha.manager.events;

import java.time.Instant;

/**
 * Something the manager did or saw, for the operator: a rejuvenation and its steps, a failover, a probe that
 * stopped answering.
 *
 * @param at        when
 * @param container which container it concerns
 * @param kind      a short fixed word (rejuvenation, abandoned, watchdog, ...) an operator can filter on
 * @param text      what happened, in a sentence
 */
public record ManagerEvent(Instant at, String container, String kind, String text) {
}
