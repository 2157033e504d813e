package org.cdphub.spi.connector;

/** Route ids: {@code connector.<id>.<step>} for connectors, {@code core.<stage>.<step>} for the pipeline. */
public final class RouteIds {

    private RouteIds() {
    }

    public static String connector(String connectorId, String step) {
        return "connector." + connectorId + "." + step;
    }

    public static String core(String stage, String step) {
        return "core." + stage + "." + step;
    }
}
