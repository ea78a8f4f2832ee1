package dev.gridha.bench.vm;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A first boot of the guest, timed: until its init's page answers, and until the data service in it answers a
 * query (the JVM with Tomcat, CXF and Axis2 started from the host's disk over 9p, which under software emulation
 * takes most of the time).
 *
 * @param pageSeconds    from the start call to the page answering; NaN if it did not within its limit
 * @param serviceSeconds from the start call to the first answered query; NaN if none within its limit
 */
public record GuestBoot(Accelerator accelerator, double startCallSeconds, double pageSeconds, double serviceSeconds) {

    public boolean pageAnswered() {
        return !Double.isNaN(pageSeconds);
    }

    public boolean serviceAnswered() {
        return !Double.isNaN(serviceSeconds);
    }

    /**
     * Starts {@code guest} and waits for its page ({@code pageLimit}) and then its service ({@code serviceLimit},
     * counted from the start call); the service is not waited for if the page never answered.
     */
    public static GuestBoot measure(Guest guest, GuestProbe probe, Duration pageLimit, Duration serviceLimit,
                                    Consumer<String> progress) throws IOException, InterruptedException {
        long started = System.nanoTime();
        guest.start();
        double startCall = since(started);
        progress.accept(String.format(Locale.ROOT, "  libvirt defined and started %s in %.1f s; waiting for its page",
                guest.config().domainName(), startCall));
        if (probe.awaitBoot(null, pageLimit).isEmpty()) {
            return new GuestBoot(guest.config().accelerator(), startCall, Double.NaN, Double.NaN);
        }
        double page = since(started);
        progress.accept(String.format(Locale.ROOT, "  the guest's page answers after %.1f s; waiting for gridha up in"
                + " it (at most %d s)", page, serviceLimit.toSeconds()));
        Duration left = serviceLimit.minusNanos(System.nanoTime() - started);
        boolean answered = !left.isNegative() && probe.awaitService(left);
        double service = answered ? since(started) : Double.NaN;
        progress.accept(answered ? String.format(Locale.ROOT, "  the data service in the guest answers after %.1f s",
                service) : "  the data service in the guest did not answer within " + serviceLimit.toSeconds() + " s");
        return new GuestBoot(guest.config().accelerator(), startCall, page, service);
    }

    private static double since(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
