package dev.gridha.bench.vm;

/**
 * The guest cannot be had on this machine (no usable accelerator, packages that only root can install, libvirt
 * unreachable): the benchmark is skipped with this message, not failed.
 */
public final class GuestUnavailableException extends Exception {

    public GuestUnavailableException(String message) {
        super(message);
    }

    public GuestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What make-guest.sh's exit status means, with its last line of output: its documented "cannot be done here"
     * statuses (3: no usable /dev/kvm, 4: packages, 6: daemons) throw this exception (a skip), any other failure
     * an {@link IllegalStateException}; 0 returns.
     */
    static void checkMakeGuestStatus(int status, String lastLine) throws GuestUnavailableException {
        String message = lastLine.isBlank() ? "make-guest.sh exited with " + status : lastLine.strip();
        switch (status) {
            case 0 -> { }
            case 3, 4, 6 -> throw new GuestUnavailableException(message);
            default -> throw new IllegalStateException(message + " (make-guest.sh exit status " + status + ")");
        }
    }
}
