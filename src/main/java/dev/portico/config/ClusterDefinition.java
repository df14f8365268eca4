package dev.portico.config;

import java.util.List;

/**
 * The embedded Hazelcast member that holds the shared state (rate-limit buckets).
 *
 * @param members   {@code portico.cluster.members}: host:port of the other members, joined over TCP/IP; empty: alone
 * @param port      {@code portico.cluster.port}: this member's port (the next free one from here)
 * @param bind      {@code portico.cluster.interface}: the address it binds and announces (127.0.0.1)
 */
public record ClusterDefinition(List<String> members, int port, String bind) {
}
