package dev.gridha.manager.rejuvenation;

/** Whether a container answers as ready to serve (the watchdog's check). */
@FunctionalInterface
public interface Readiness {

    boolean ready(String container);
}
