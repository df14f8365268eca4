package dev.portico.transform;

/**
 * Where a walk through a JSON body stands against every rule at once: the route's allow, deny and rename,
 * the client type's allow and deny, and the client's mask. The same cursor applies to each element of an
 * array. Immutable; null include rules keep everything.
 */
public final class Cursor {
    private final Selection allow;
    private final Exclusion deny;
    private final Renames rename;
    private final Selection clientAllow;
    private final Exclusion clientDeny;
    private final Selection mask;
    private final String name;
    /** Members already looked up here: every element of an array walks the same cursor, with the same names. */
    private final java.util.HashMap<String, Cursor> members = new java.util.HashMap<>(8);
    private static final Cursor DROPPED = new Cursor(null, Exclusion.NONE, Renames.NONE, null, Exclusion.NONE, null);

    Cursor(Selection allow, Exclusion deny, Renames rename, Selection clientAllow, Exclusion clientDeny, Selection mask) {
        this(allow, deny, rename, clientAllow, clientDeny, mask, null);
    }

    private Cursor(Selection allow, Exclusion deny, Renames rename, Selection clientAllow, Exclusion clientDeny,
            Selection mask, String name) {
        this.allow = allow;
        this.deny = deny;
        this.rename = rename;
        this.clientAllow = clientAllow;
        this.clientDeny = clientDeny;
        this.mask = mask;
        this.name = name;
    }

    /** The cursor of member {@code member} of the object here; null when the member is dropped. */
    public Cursor member(String member) {
        Cursor known = members.get(member);
        if (known == null) {
            known = find(member);
            if (members.size() < 64) { // the names of one API's objects; not every key of a map-like object
                members.put(member, known == null ? DROPPED : known);
            }
        }
        return known == DROPPED ? null : known;
    }

    private Cursor find(String member) {
        Selection a = allow == null ? null : allow.child(member);
        Exclusion d = deny.child(member);
        if ((allow != null && a == null) || d.dropped()) {
            return null;
        }
        String out = rename.name(member);
        Selection ca = clientAllow == null ? null : clientAllow.child(out);
        Exclusion cd = clientDeny.child(out);
        Selection m = mask == null ? null : mask.child(out);
        if ((clientAllow != null && ca == null) || cd.dropped() || (mask != null && m == null)) {
            return null;
        }
        return new Cursor(a, d, rename.child(member), ca, cd, m, out);
    }

    /** The member's name after renaming. */
    public String name() {
        return name;
    }

    /** Whether everything below passes unchanged. */
    public boolean passAll() {
        return whole(allow) && deny.none() && rename.none() && whole(clientAllow) && clientDeny.none() && whole(mask);
    }

    /**
     * Whether a value that is neither object nor array is kept here: not when an include rule expected
     * members below it.
     */
    public boolean keepsScalar() {
        return whole(allow) && whole(clientAllow) && whole(mask);
    }

    /**
     * Where {@code name}, written in the object here, stands among the names its members are renamed to
     * (at most 64 are told apart); -1 when it is none of them. A name a renamed member takes may meet a
     * member that has it already: the first one written wins.
     */
    public int renamedTo(String name) {
        return rename.target(name);
    }

    private static boolean whole(Selection selection) {
        return selection == null || selection.all();
    }
}
