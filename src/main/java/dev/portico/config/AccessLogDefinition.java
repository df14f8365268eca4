package dev.portico.config;

import java.nio.file.Path;

/**
 * The access log (SPEC §10): one JSON object per line in its own file, rotated by size.
 *
 * @param enabled  {@code portico.access-log}
 * @param file     {@code portico.access-log.file}; a relative path is under the server's directory
 * @param maxBytes {@code portico.access-log.max-size}: the file is rotated before it grows past this
 * @param maxFiles {@code portico.access-log.max-files}: rotated files kept ({@code .1} the newest)
 */
public record AccessLogDefinition(boolean enabled, Path file, long maxBytes, int maxFiles) {
}
