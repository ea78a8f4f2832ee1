package dev.gridha.durability.runtime.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a deployment has opened, closed in reverse order of opening; a failure to close one is logged and
 * the rest are still closed (an undeploy must release everything it can).
 */
public final class OpenResources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenResources.class);

    private final List<AutoCloseable> resources = new ArrayList<>();

    public synchronized <T extends AutoCloseable> T add(T resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
