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

    /** Ports handed out by this JVM, so that two nodes of one test never get the same one. */
    private static final java.util.Set<Integer> CHOSEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int LOWEST = 20_000;

    /**
     * A port that was free a moment ago, below the kernel's range of ephemeral ports where it can: a hub binds its
     * ports tens of seconds after they are chosen, and a port of that range (what {@code new ServerSocket(0)} gives)
     * may meanwhile become the local port of an outgoing connection (a node's JDBC or broker client). Seen once in
     * TwoNodeIT as "Address already in use" on an HTTP port.
     */
    static int freePort() throws IOException {
        int ephemeralFrom = ephemeralFrom();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; ephemeralFrom > LOWEST + 1_000 && attempt < 200; attempt++) {
            int port = LOWEST + random.nextInt(ephemeralFrom - LOWEST);
            if (!CHOSEN.contains(port) && bindable(port)) {
                CHOSEN.add(port);
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CHOSEN.add(socket.getLocalPort());
            return socket.getLocalPort();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first ephemeral port (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}); 49152 elsewhere (IANA). */
    private static int ephemeralFrom() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
