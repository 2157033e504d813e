package org.cdphub.assembly;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a copy of the distribution into one node of a multi-node hub, through its configuration files only, as an
 * operator would (docs/scaling.md): no embedded broker, an external one instead; the store on a shared PostgreSQL; and
 * ports of its own for everything that listens (ssh console, HTTP, JMX/RMI), so that several nodes run on one machine.
 */
final class NodeConfig {

    /** The ports one node listens on. */
    record Ports(int ssh, int http, int rmiRegistry, int rmiServer) {

        /** Four ports that were free a moment ago. */
        static Ports free() throws IOException {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    private NodeConfig() {
    }

    static void apply(Karaf node, Ports ports, String brokerUrl, SharedSchema store) throws IOException {
        Path etc = node.home().resolve("etc");
        // boot cdphub-node (the hub without the embedded broker) instead of cdphub, and use the external broker
        Path boot = etc.resolve("org.apache.karaf.features.cfg");
        String features = Files.readString(boot);
        String nodeOnly = features.replaceFirst("(?m)^(\\s*)cdphub/", "$1cdphub-node/");
        if (nodeOnly.equals(features)) {
            throw new IllegalStateException("no cdphub feature in featuresBoot of " + boot);
        }
        Files.writeString(boot, nodeOnly);
        set(etc.resolve("org.cdphub.broker.cfg"), "url", brokerUrl);

        listenOn(node, ports);

        storeOn(node, store);
        logMerges(node);
    }

    /** Points the node's store at the PostgreSQL schema (from the shipped PostgreSQL example configuration). */
    static void storeOn(Karaf node, SharedSchema store) throws IOException {
        Path etc = node.home().resolve("etc");
        Path datasource = etc.resolve("org.ops4j.datasource-cdphub.cfg");
        Files.copy(etc.resolve("org.ops4j.datasource-cdphub.cfg.postgresql-example"), datasource,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        set(datasource, "url", store.url());
        set(datasource, "user", store.user);
        set(datasource, "password", store.password);
    }

    /** Every merged batch in data/log/karaf.log (which node did the work, how many records). */
    static void logMerges(Karaf node) throws IOException {
        Path logging = node.home().resolve("etc").resolve("org.ops4j.pax.logging.cfg");
        Files.writeString(logging, Files.readString(logging) + "\nlog4j2.logger.cdpmerge.name = "
                + "org.cdphub.pipeline.merge\nlog4j2.logger.cdpmerge.level = DEBUG\n");
    }

    /** Moves everything the node listens on (ssh console, HTTP, JMX/RMI) to the given ports. */
    static void listenOn(Karaf node, Ports ports) throws IOException {
        Path etc = node.home().resolve("etc");
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ports.ssh()));
        set(etc.resolve("org.cdphub.http.cfg"), "port", String.valueOf(ports.http()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(ports.rmiRegistry()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(ports.rmiServer()));
    }

    /**
     * Keeps the embedded broker (feature cdphub, H2 store) but moves its AMQP acceptor off 5672: the port in
     * etc/artemis.xml and the stages' url in etc/org.cdphub.broker.cfg.
     */
    static void embeddedBrokerOn(Karaf node, int amqpPort) throws IOException {
        Path etc = node.home().resolve("etc");
        Path artemis = etc.resolve("artemis.xml");
        String xml = Files.readString(artemis);
        String moved = xml.replace("tcp://127.0.0.1:5672?", "tcp://127.0.0.1:" + amqpPort + "?");
        if (moved.equals(xml)) {
            throw new IllegalStateException("no acceptor on tcp://127.0.0.1:5672 in " + artemis);
        }
        Files.writeString(artemis, moved);
        set(etc.resolve("org.cdphub.broker.cfg"), "url", "amqp://127.0.0.1:" + amqpPort);
    }

    /** Sets {@code key = value} in a .cfg file: replaces the (uncommented) line of that key, or appends one. */
    static void set(Path cfg, String key, String value) throws IOException {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (String l : Files.readAllLines(cfg)) {
            if (line.matcher(l).matches()) {
                out.add(key + " = " + value);
                found = true;
            } else {
                out.add(l);
            }
        }
        if (!found) {
            out.add(key + " = " + value);
        }
        Files.write(cfg, out);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
