package dev.portico.filter;

import java.util.UUID;
import java.util.regex.Pattern;

/** Keeps a client's request id when it is sane (1–128 of {@code A-Za-z0-9._:-}), else makes one. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String keepOrGenerate(String fromClient) {
        return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }
}
