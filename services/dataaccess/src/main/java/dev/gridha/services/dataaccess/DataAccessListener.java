package dev.gridha.services.dataaccess;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts the deployment's {@link DataAccessRuntime} before Axis2's servlet and closes it when the web
 * application stops. A malformed setting throws here, so Tomcat reports the web application as failed
 * instead of serving a service that cannot work.
 */
public final class DataAccessListener implements ServletContextListener {

    /**
     * Axis2 2.0.0 still looks for the Java EE name of the servlet temporary directory; without it, it
     * creates its {@code _axis2} work folder in the JVM's working directory (Tomcat's {@code bin}, or the
     * source tree under a test). Set on the web application's own context, before the servlet starts.
     */
    private static final String JAVAX_TEMPDIR = "javax.servlet.context.tempdir";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(JAVAX_TEMPDIR) == null && context.getAttribute(ServletContext.TEMPDIR) != null) {
            context.setAttribute(JAVAX_TEMPDIR, context.getAttribute(ServletContext.TEMPDIR));
        }
        DataAccessSettings settings = DataAccessSettings.read(context::getInitParameter);
        context.setAttribute(DataAccessRuntime.ATTRIBUTE, DataAccessRuntime.start(settings));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object runtime = event.getServletContext().getAttribute(DataAccessRuntime.ATTRIBUTE);
        event.getServletContext().removeAttribute(DataAccessRuntime.ATTRIBUTE);
        if (runtime instanceof DataAccessRuntime running) {
            running.close();
        }
    }
}
