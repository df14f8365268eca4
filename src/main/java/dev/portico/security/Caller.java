package dev.portico.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the token's subject and its {@code groups} as roles; anonymous without a token.
 */
public record Caller(String subject, Set<String> roles) {
    public static final String ADMIN = "admin";
    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public static Caller of(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            Set<String> groups = jwt.getGroups();
            return new Caller(subject, groups == null ? Set.of() : Set.copyOf(groups));
        }
        return ANONYMOUS;
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
        return String.join(",", new java.util.TreeSet<>(roles));
    }
}
