package dev.gridha.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A fixed single-threaded CPU task (SHA-256 over 512 MiB), timed before and after a benchmark. On a shared
 * virtual machine the same code ran 30% slower from one minute to the next; printing this figure beside the
 * results shows whether a run was taken on a slow or a fast minute, so absolute figures can be compared
 * across runs. Ratios measured within one run do not need it.
 */
public final class CpuCalibration {

    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 512;

    private CpuCalibration() {
    }

    /** Milliseconds the task took on the calling thread. */
    public static long measureMillis() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] data = new byte[CHUNK];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            // one untimed pass so the intrinsic is compiled
            sha.update(data);
            sha.digest();
            long start = System.nanoTime();
            for (int i = 0; i < CHUNKS; i++) {
                sha.update(data);
            }
            byte[] digest = sha.digest();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (digest.length != 32) {
                throw new IllegalStateException("SHA-256 gave " + digest.length + " bytes");
            }
            return millis;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
