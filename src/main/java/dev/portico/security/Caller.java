package dev.portico.security;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: the token's subject, its {@code groups} as roles and its {@code client_type};
 * anonymous without a token.
 */
public record Caller(String subject, Set<String> roles, String clientType) implements Principal {
    public static final String ADMIN = "admin";
    public static final Caller ANONYMOUS = new Caller(null, Set.of(), null);

    public Caller(String subject, Set<String> roles) {
        this(subject, roles, null);
    }

    @Override
    public String getName() {
        return subject;
    }

    public boolean authenticated() {
        return subject != null;
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return wanted.isEmpty() || wanted.stream().anyMatch(roles::contains);
    }

    /** The owner rule: the caller may act for {@code owner} if it is themselves, or if they are an admin. */
    public boolean mayActFor(String owner) {
        return owner == null || owner.equals(subject) || roles.contains(ADMIN);
    }

    /** Roles as sent to backends in {@code X-Portico-Roles}. */
    public String rolesHeader() {
        return String.join(",", new TreeSet<>(roles));
    }
}
