package dev.portico.config;

import java.util.List;

/**
 * Where the shared state (rate-limit buckets, cached responses) lives: an embedded Hazelcast member, or a
 * client of an existing cluster (SPEC §13).
 *
 * @param members   {@code portico.cluster.members}: host:port of the other members (member mode: joined over
 *                  TCP/IP, empty: alone) or of the cluster to connect to (client mode: required)
 * @param port      {@code portico.cluster.port}: this member's port (the next free one from here)
 * @param bind      {@code portico.cluster.interface}: the address it binds and announces (127.0.0.1)
 * @param mode      {@code portico.cluster.mode}: member (default) or client
 * @param name      {@code portico.cluster.name}: the cluster's name (default portico)
 */
public record ClusterDefinition(List<String> members, int port, String bind, Mode mode, String name) {
    /** Whether this node holds shared state itself or uses an existing cluster's. */
    public enum Mode { MEMBER, CLIENT }

    /** A member of the default cluster. */
    public ClusterDefinition(List<String> members, int port, String bind) {
        this(members, port, bind, Mode.MEMBER, "portico");
    }

    public boolean client() {
        return mode == Mode.CLIENT;
    }
}
