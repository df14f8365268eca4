package dev.portico.transform;

import java.util.List;
import java.util.Map;

/**
 * A route's rules for JSON bodies (SPEC §10), compiled once at start-up: {@code allow}, {@code deny},
 * {@code rename}, each client type's {@code allow}/{@code deny}, and whether clients may send {@code ?fields=}.
 * Applied in that order; the client type's rules and the mask name fields as renamed.
 *
 * @param allow   kept fields; null keeps all
 * @param clients by client type (web, mobile, iot)
 */
public record BodyRules(Selection allow, Exclusion deny, Renames rename, Map<String, ClientRules> clients, boolean fields) {
    public static final BodyRules NONE = new BodyRules(null, Exclusion.NONE, Renames.NONE, Map.of(), false);

    public BodyRules {
        clients = Map.copyOf(clients);
    }

    /** One client type's projection, after the route's own rules. */
    public record ClientRules(Selection allow, Exclusion deny) {
    }

    /** Whether a reply's JSON ever changes (for some client type or mask). */
    public boolean any() {
        return allow != null || !deny.none() || !rename.none() || !clients.isEmpty() || fields;
    }

    /**
     * The walk of one request's body: the route's rules, its client type's, and its mask.
     *
     * @param mask the client's mask, already checked with {@link #check}; null for none
     * @return null when this request's body passes unchanged
     */
    public Cursor cursor(String clientType, Selection mask) {
        ClientRules client = clientType == null ? null : clients.get(clientType);
        Cursor cursor = new Cursor(allow, deny, rename, client == null ? null : client.allow(),
                client == null ? Exclusion.NONE : client.deny(), mask);
        return cursor.passAll() ? null : cursor;
    }

    /**
     * Checks a client's mask against what the route lets through for its client type: every path it names
     * must be let through, at least in part.
     *
     * @throws IllegalArgumentException naming the first field that is not
     */
    public void check(List<List<String>> mask, String clientType) {
        ClientRules client = clientType == null ? null : clients.get(clientType);
        for (List<String> path : mask) {
            List<String> named = path.indexOf("*") < 0 ? path : path.subList(0, path.indexOf("*"));
            List<String> original = rename.original(named);
            boolean through = (client == null || client.allow() == null || client.allow().admits(named))
                    && (client == null || !client.deny().covers(named))
                    && (allow == null || allow.admits(original)) && !deny.covers(original)
                    && original.stream().noneMatch(n -> n.startsWith("\u0000"));
            if (!through) {
                throw new IllegalArgumentException("the field '" + String.join("/", path)
                        + "' is not available on this route");
            }
        }
    }
}
