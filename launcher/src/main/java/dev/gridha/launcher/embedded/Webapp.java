package dev.gridha.launcher.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One WAR deployed under a context path, with the context parameters an operator would put in its Tomcat
 * context file (gridha's deployment settings: role, backups, database, ...).
 */
public record Webapp(String contextPath, Path war, Map<String, String> parameters) {

    public Webapp {
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(war, "war");
        parameters = Map.copyOf(parameters);
        if (!contextPath.startsWith("/")) {
            throw new IllegalArgumentException("a context path starts with '/': " + contextPath);
        }
    }

    public Webapp(String contextPath, Path war) {
        this(contextPath, war, Map.of());
    }
}
