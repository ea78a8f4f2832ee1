package dev.gridha.bench.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The launcher the guest runs, copied out of the build: {@code gridha-launcher.jar} with its {@code lib/} and
 * the service WARs. The guest reads it over 9p for the whole run and at every boot, so a rebuild of the checkout
 * meanwhile must not pull it away; and QEMU runs as libvirt's own user, so everything is made world-readable.
 */
public final class GuestApp {

    private GuestApp() {
    }

    /**
     * Copies {@code launcherJar} (with the {@code lib} folder beside it) and the WARs of {@code wars} into {@code
     * into}, replacing what an earlier run left there.
     *
     * @return {@code into}, laid out as make-guest.sh's {@code --gridha} wants it
     */
    public static Path stage(Path launcherJar, Path wars, Path into) throws IOException {
        Path lib = launcherJar.resolveSibling("lib");
        if (!Files.isRegularFile(launcherJar) || !Files.isDirectory(lib) || !Files.isDirectory(wars)) {
            throw new IllegalStateException("no built launcher at " + launcherJar + " with lib/ beside it and WARs in "
                    + wars + " (./gridha build)");
        }
        Files.createDirectories(into);
        Files.copy(launcherJar, into.resolve("gridha-launcher.jar"), StandardCopyOption.REPLACE_EXISTING);
        copyFolder(lib, into.resolve("lib"));
        copyFolder(wars, into.resolve("wars"));
        readableByAll(into); // QEMU's user must also be able to walk down to it: the caller's folders are 0755
        return into;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void readableByAll(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
