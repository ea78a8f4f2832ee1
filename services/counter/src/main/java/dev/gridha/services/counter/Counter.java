package dev.gridha.services.counter;

/**
 * The state object of one counter resource (thesis ch. IV): one integer, read by {@link #getValue()} and
 * updated only by {@link #setValue(int)}. The service reaches the value through these two methods alone,
 * so a durability proxy that records {@code setValue} can stand in for this class. Serializable so that a
 * request that fails puts the value back exactly, even when the database is unreachable.
 */
public class Counter implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private int value;

    public Counter(int initialValue) {
        this.value = initialValue;
    }

    /** Reads the value; changes nothing. */
    public int getValue() {
        return value;
    }

    /** The one update method. */
    public void setValue(int value) {
        this.value = value;
    }
}
