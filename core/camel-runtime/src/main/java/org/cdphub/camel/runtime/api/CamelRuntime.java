package org.cdphub.camel.runtime.api;

import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Creates and starts Camel contexts inside OSGi.
 *
 * <p>The upstream Camel jars are embedded in this bundle, so Camel's service discovery (components, type converters,
 * languages under {@code META-INF/services/org/apache/camel}) only sees them through this bundle's class loader. Every
 * context is therefore created with that loader as application class loader and started with it as the thread context
 * class loader. Outside OSGi (unit tests) the same code runs on the flat class path.
 */
public final class CamelRuntime {

    private CamelRuntime() {
    }

    /** A new, unstarted context named {@code name}. */
    public static CamelContext newContext(String name) {
        return withRuntimeClassLoader(() -> {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName(name);
            context.setApplicationContextClassLoader(runtimeClassLoader());
            context.getShutdownStrategy().setTimeout(20);
            return context;
        });
    }

    /** Adds the routes and starts the context. */
    public static void start(CamelContext context, RoutesBuilder... routes) {
        withRuntimeClassLoader(() -> {
            for (RoutesBuilder builder : routes) {
                context.addRoutes(builder);
            }
            context.start();
            return null;
        });
    }

    /** Stops the context; never throws. */
    public static void stop(CamelContext context) {
        if (context == null) {
            return;
        }
        try {
            withRuntimeClassLoader(() -> {
                context.stop();
                return null;
            });
        } catch (RuntimeException e) {
            // stopping is best effort; the context logs the cause itself
        }
    }

    /** Runs {@code work} with this bundle's class loader as thread context class loader. */
    public static <T> T withRuntimeClassLoader(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(runtimeClassLoader());
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ClassLoader runtimeClassLoader() {
        return CamelRuntime.class.getClassLoader();
    }
}
