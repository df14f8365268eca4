package dev.portico.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {
    private final Caller user = new Caller("123", Set.of("user"));
    private final Caller admin = new Caller("ops", Set.of("admin"));

    @Test
    void aUserActsOnlyForThemselves() {
        assertTrue(user.mayActFor("123"));
        assertFalse(user.mayActFor("124"));
        assertTrue(user.mayActFor(null));
    }

    @Test
    void anAdminActsForAnyone() {
        assertTrue(admin.mayActFor("123"));
    }

    @Test
    void rolesMatchAnyOf() {
        assertTrue(user.hasAnyRole(Set.of("user", "admin")));
        assertFalse(user.hasAnyRole(Set.of("admin")));
        assertTrue(user.hasAnyRole(Set.of()));
        assertFalse(Caller.ANONYMOUS.authenticated());
    }
}
