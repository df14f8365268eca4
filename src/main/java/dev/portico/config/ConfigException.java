package dev.portico.config;

/** A configuration value that cannot be used; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
    }
}
