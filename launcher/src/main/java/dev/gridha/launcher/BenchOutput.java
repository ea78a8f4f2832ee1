package dev.gridha.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.gridha.bench.CpuCalibration;

/** What every {@code ./gridha bench} command does around its harness: progress, calibration, the results file. */
final class BenchOutput {

    private BenchOutput() {
    }

    /** A harness's result with the CPU calibration measured before and after it. */
    record Calibrated<T>(T result, long beforeMillis, long afterMillis) {

        String line() {
            return String.format("CPU calibration (SHA-256 of 512 MiB, one thread): %d ms before, %d ms after.%n",
                    beforeMillis, afterMillis);
        }
    }

    /** Progress lines, flushed at once: a run lasts minutes. */
    static Consumer<String> progress() {
        return line -> {
            System.out.println(line);
            System.out.flush();
        };
    }

    /** Runs {@code harness} between two CPU calibrations (this VM's speed varies from minute to minute). */
    static <T> Calibrated<T> calibrated(Supplier<T> harness) {
        long before = CpuCalibration.measureMillis();
        T result = harness.get();
        return new Calibrated<>(result, before, CpuCalibration.measureMillis());
    }

    /**
     * Prints the Markdown report and writes it to {@code out}, or to {@code bench/results/<name>-<time>.md}.
     */
    static void report(String name, Path out, String markdown) throws IOException {
        Path file = out != null ? out : Path.of("bench", "results", name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown);
        System.out.println();
        System.out.print(markdown);
        System.out.println("\nwritten to " + file);
    }
}
