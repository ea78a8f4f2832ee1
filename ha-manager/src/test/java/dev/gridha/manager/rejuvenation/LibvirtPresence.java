package dev.gridha.manager.rejuvenation;

/** Whether the system's libvirt library can be loaded (tests that need it skip, saying so, where not). */
final class LibvirtPresence {

    private LibvirtPresence() {
    }

    static boolean available() {
        try {
            com.sun.jna.NativeLibrary.getInstance("virt");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
