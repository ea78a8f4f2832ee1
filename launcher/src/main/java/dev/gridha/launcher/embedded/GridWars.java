package dev.gridha.launcher.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the service WARs are: the folder named by the system property {@code gridha.wars}, else
 * {@code launcher/target/wars} as the build leaves them.
 */
public final class GridWars {

    public static final String COUNTER = "/counter";
    public static final String MATCHMAKER = "/matchmaker";
    /** The Axis2 data service, the aging container of the rejuvenation act (not part of replica groups). */
    public static final String DATAACCESS = "/dataaccess";

    private GridWars() {
    }

    public static Path folder() {
        String configured = System.getProperty("gridha.wars");
        return configured != null ? Path.of(configured) : Path.of("launcher", "target", "wars");
    }

    /** Both services: {@code /counter -> counter.war}, {@code /matchmaker -> matchmaker.war}. */
    public static Map<String, Path> all() {
        Path folder = folder();
        Map<String, Path> wars = new LinkedHashMap<>();
        wars.put(COUNTER, war(folder, "gridha-counter-service"));
        wars.put(MATCHMAKER, war(folder, "gridha-matchmaker-service"));
        return wars;
    }

    /** The OGSA-DAI-style data service on Axis2. */
    public static Path dataAccess() {
        return war(folder(), "gridha-dataaccess-service");
    }

    private static Path war(Path folder, String artifact) {
        Path file = folder.resolve(artifact + ".war");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file.toAbsolutePath()
                    + ": build the WARs first (./gridha demo builds what is missing)");
        }
        return file;
    }
}
