package dev.gridha.durability.compiler.model;

import java.util.Locale;

/** How a state object is kept durable (thesis ch. IV.B.2). */
public enum Mechanism {
    DATABASE, REPLICATION, RECONSTRUCTION;

    public static Mechanism of(String xmlValue) {
        return valueOf(xmlValue.toUpperCase(Locale.ROOT));
    }

    public String xmlValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
