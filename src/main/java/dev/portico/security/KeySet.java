package dev.portico.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The verification keys, as last fetched from their source (a file or a JWKS URL). Refreshed in the
 * background; an unknown {@code kid} triggers a refetch at most once per cooldown, however many
 * requests carry it; a failing source leaves the last good keys in use until they are {@code maxStale}
 * old, and then no key at all (tokens are refused: it never fails open).
 */
public final class KeySet {
    private static final Logger LOG = Logger.getLogger(KeySet.class.getName());

    /** Where keys come from. */
    @FunctionalInterface
    public interface Source {
        List<NamedKey> fetch() throws Exception;
    }

    private record Snapshot(List<NamedKey> keys, Instant staleAfter) {
    }

    private final Source source;
    private final Clock clock;
    private final Duration cooldown;
    private final Duration maxStale;
    private final boolean refetchable;
    private volatile Snapshot current = new Snapshot(List.of(), Instant.MIN);
    private Instant lastAttempt = Instant.MIN; // guarded by this
    private int fetches; // guarded by this

    public KeySet(Source source, Clock clock, Duration cooldown, Duration maxStale) {
        this(source, clock, cooldown, maxStale, true);
    }

    private KeySet(Source source, Clock clock, Duration cooldown, Duration maxStale, boolean refetchable) {
        this.refetchable = refetchable;
        this.source = source;
        this.clock = clock;
        this.cooldown = cooldown;
        this.maxStale = maxStale;
    }

    /** Keys that never change (inline PEM or JWKS text). */
    public static KeySet fixed(List<NamedKey> keys) {
        KeySet set = new KeySet(() -> keys, Clock.systemUTC(), Duration.ZERO, Duration.ZERO, false);
        set.current = new Snapshot(List.copyOf(keys), Instant.MAX);
        return set;
    }

    /** Fetches now (the background refresh); keeps the last good keys on failure. */
    public boolean refresh() {
        return refresh(source);
    }

    /** Fetches now from {@code from} (start-up, before the source's own way is usable); as {@link #refresh()}. */
    synchronized boolean refresh(Source from) {
        lastAttempt = clock.instant();
        fetches++;
        try {
            List<NamedKey> keys = from.fetch();
            if (keys.isEmpty()) {
                throw new IllegalStateException("the key source has no usable keys");
            }
            current = new Snapshot(List.copyOf(keys), clock.instant().plus(maxStale));
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Portico could not fetch the JWT verification keys ({0}); the last good keys "
                    + "stay in use until they are {1} old", new Object[] {reason(e), maxStale});
            return false;
        }
    }

    /** What went wrong, for the log: the message, or the failure's kind when it has none (an FT timeout). */
    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Keys that may verify a token with this {@code kid} (may be null) and {@code alg}; empty when none. */
    public List<NamedKey> candidates(String kid, String alg) {
        List<NamedKey> found = match(usable(), kid, alg);
        if (!found.isEmpty() || kid == null || !refetchable) {
            return found;
        }
        synchronized (this) {
            found = match(usable(), kid, alg); // another request may have refetched meanwhile
            if (found.isEmpty() && !clock.instant().isBefore(lastAttempt.plus(cooldown))) {
                refresh();
                found = match(usable(), kid, alg);
            }
            return found;
        }
    }

    /** The {@code kid} of a usable key, if one has any (the start-up warm-up names it). */
    public Optional<String> anyKid() {
        return usable().stream().map(NamedKey::kid).filter(Objects::nonNull).findFirst();
    }

    /** Whether {@code key} is still among the usable keys (not rotated away, not stale). */
    public boolean current(NamedKey key) {
        return usable().contains(key);
    }

    /** Whether there are keys that may verify tokens now (fetched, and not older than max-stale). */
    public boolean fresh() {
        return !usable().isEmpty();
    }

    /** How many fetches were made (for tests and the admin view). */
    public synchronized int fetches() {
        return fetches;
    }

    private List<NamedKey> usable() {
        Snapshot snapshot = current;
        return clock.instant().isAfter(snapshot.staleAfter()) ? List.of() : snapshot.keys();
    }

    private static List<NamedKey> match(List<NamedKey> keys, String kid, String alg) {
        List<NamedKey> named = keys.stream().filter(k -> kid != null && kid.equals(k.kid()) && k.fits(alg)).toList();
        if (!named.isEmpty()) {
            return named;
        }
        // PEM keys carry no kid: they verify any token of their algorithm.
        return keys.stream().filter(k -> k.kid() == null && k.fits(alg)).toList();
    }
}
