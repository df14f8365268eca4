package dev.portico.config;

import java.time.Duration;

/**
 * The HTTPS policy.
 *
 * @param redirect    {@code portico.https.redirect}: plain HTTP requests get a 308 to HTTPS, HTTPS responses HSTS
 * @param port        {@code https.port}: Liberty's HTTPS port, where redirects point
 * @param hstsMaxAge  {@code portico.https.hsts-max-age}: the {@code Strict-Transport-Security} max-age
 */
public record HttpsDefinition(boolean redirect, int port, Duration hstsMaxAge) {
}
