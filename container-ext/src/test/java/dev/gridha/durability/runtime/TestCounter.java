package dev.gridha.durability.runtime;

import java.io.Serializable;

/** A state class for runtime tests, with a proxy written the way the compiler generates one. */
class TestCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int value;
    private final java.util.List<Integer> history = new java.util.ArrayList<>();

    TestCounter(int initial) {
        value = initial;
    }

    public int getValue() {
        return value;
    }

    public java.util.List<Integer> history() {
        return history;
    }

    public void setValue(int value) {
        history.add(this.value);
        this.value = value;
    }

    /** The shape ProxyGenerator emits for TestCounter. */
    static final class Proxy extends TestCounter implements DurableState {
        private static final long serialVersionUID = 1L;
        static final String SET_VALUE = "setValue(int)";

        private final transient StateContext context;

        Proxy(StateContext context, int initial) {
            super(initial);
            this.context = context;
        }

        @Override
        public int getValue() {
            context.beforeRead(this);
            return super.getValue();
        }

        @Override
        public java.util.List<Integer> history() {
            context.beforeRead(this);
            return super.history();
        }

        @Override
        public void setValue(int value) {
            context.beforeUpdate(this);
            super.setValue(value);
            context.updated(this, SET_VALUE, new Object[] {value});
        }

        @Override
        public void replay(String update, Object[] arguments) {
            if (SET_VALUE.equals(update)) {
                super.setValue((Integer) arguments[0]);
                return;
            }
            throw new IllegalArgumentException("TestCounter has no update " + update);
        }
    }
}
