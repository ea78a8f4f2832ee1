package dev.gridha.launcher.embedded;

import java.util.Map;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.startup.ContextConfig;

/**
 * Tomcat's web.xml configuration plus what a context file would add: gridha's context parameters, and no
 * jar scanning (the WARs need no annotation or TLD scanning, and it costs seconds per start).
 */
final class ParameterizedContextConfig extends ContextConfig {

    private final Map<String, String> parameters;

    ParameterizedContextConfig(Map<String, String> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
            Context context = (Context) event.getLifecycle();
            context.getJarScanner().setJarScanFilter((type, name) -> false);
            // a service whose servlet cannot start (a malformed gridha.* parameter) must not look deployed
            if (context instanceof org.apache.catalina.core.StandardContext standard) {
                standard.setFailCtxIfServletStartFails(true);
            }
            // a restart starts the same context again: its parameters are still there
            parameters.forEach((name, value) -> {
                if (context.findParameter(name) == null) {
                    context.addParameter(name, value);
                }
            });
        }
        super.lifecycleEvent(event);
    }
}
