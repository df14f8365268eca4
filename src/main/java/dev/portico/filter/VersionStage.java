package dev.portico.filter;

import dev.portico.reply.Reply;

/**
 * API versioning (SPEC §2): an unversioned {@code /api/...} path is routed as {@code /api/v<N>/...}, N from
 * the {@code Api-Version} header or else {@code portico.default-version}; the seed's alias stays as it is.
 */
final class VersionStage implements Stage {
    static final String HEADER = "Api-Version";

    private final String defaultVersion;

    VersionStage(String defaultVersion) {
        this.defaultVersion = defaultVersion;
    }

    @Override
    public Reply apply(Exchange exchange) {
        try {
            exchange.path(Versions.route(exchange.rawPath(), exchange.header(HEADER), defaultVersion));
            return null;
        } catch (IllegalArgumentException e) {
            return Reply.problem(400, "Bad Request", e.getMessage());
        }
    }
}
