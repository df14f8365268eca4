package dev.portico.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a node has stored, by key, in bytes and entries, oldest write first: adding a key that takes the
 * total past either bound names the keys to evict for it, oldest first. Keys past their expiry leave
 * the account without being named (they are gone already). Thread-safe; pure (the caller's clock).
 */
public final class ByteBudget {
    private final long maxBytes;
    private final int maxEntries;
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    private long bytes;

    public ByteBudget(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** Accounts {@code key} at {@code size} bytes until {@code expiresAt}; the keys to evict so that all fits. */
    public synchronized List<String> add(String key, long size, long expiresAt, long now) {
        forget(key);
        held.put(key, new Held(size, expiresAt));
        bytes += size;
        List<String> evict = new ArrayList<>();
        Iterator<java.util.Map.Entry<String, Held>> oldest = held.entrySet().iterator();
        while ((bytes > maxBytes || held.size() > maxEntries) && oldest.hasNext()) {
            java.util.Map.Entry<String, Held> entry = oldest.next();
            if (entry.getKey().equals(key) && held.size() == 1) {
                break; // one entry alone may fill the budget (it is below max-object-size)
            }
            bytes -= entry.getValue().size();
            oldest.remove();
            if (entry.getValue().expiresAt() - now > 0) {
                evict.add(entry.getKey());
            }
        }
        return evict;
    }

    /** Takes {@code key} off the account (it was removed or replaced elsewhere). */
    public synchronized void forget(String key) {
        Held old = held.remove(key);
        if (old != null) {
            bytes -= old.size();
        }
    }

    public synchronized void clear() {
        held.clear();
        bytes = 0;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int entries() {
        return held.size();
    }

    private record Held(long size, long expiresAt) {
    }
}
