package dev.gridha.manager.status;

/** What an operator may ask of the manager from its page. */
public interface Operator {

    /** An operator that can do nothing: the page is read-only. */
    Operator NONE = container -> {
        throw new IllegalStateException("this page is read-only");
    };

    /**
     * Starts rejuvenating {@code container} now, as the manager does when it finds it aging.
     *
     * @return what was started, for the operator
     * @throws IllegalArgumentException if there is no such container
     * @throws IllegalStateException    if it cannot be done now (another action under way, not serving)
     */
    String rejuvenate(String container);
}
