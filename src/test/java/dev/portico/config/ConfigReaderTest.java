package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.config.BackendDefinition.Protocol;
import dev.portico.config.RouteDefinition.Auth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final RouteDefinition USER = new RouteDefinition("user", Auth.JWT, Set.of("user"), "id",
            Duration.ofSeconds(3));

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void readsBackendsWithDefaults() {
        Map<String, BackendDefinition> backends = reader(Map.of(
                "portico.backends", "users, products",
                "portico.backend.users.urls", "http://127.0.0.1:1/users,http://127.0.0.1:2/users",
                "portico.backend.users.timeout", "750ms",
                "portico.backend.products.urls", "http://127.0.0.1:3",
                "portico.backend.products.protocol", "grpc")).backends();

        BackendDefinition users = backends.get("users");
        assertEquals(List.of(URI.create("http://127.0.0.1:1/users"), URI.create("http://127.0.0.1:2/users")), users.urls());
        assertEquals(Protocol.REST, users.protocol());
        assertEquals(Duration.ofMillis(750), users.timeout());
        assertEquals(ConfigReader.DEFAULT_CONNECT_TIMEOUT, users.connectTimeout());
        assertEquals(Protocol.GRPC, backends.get("products").protocol());
        assertEquals(ConfigReader.DEFAULT_TIMEOUT, backends.get("products").timeout());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertMessage(Map.of("portico.backends", "users"), "portico.backend.users.urls");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "ftp://x"),
                "portico.backend.users.urls");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "http://h:1",
                "portico.backend.users.protocol", "soap"), "portico.backend.users.protocol");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "http://h:1",
                "portico.backend.users.timeout", "2 seconds"), "portico.backend.users.timeout");
        assertMessage(Map.of("portico.backends", "Users!"), "portico.backends");
    }

    private static void assertMessage(Map<String, String> values, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> reader(values).backends());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void routePoliciesOverrideTheCodedDefaults() {
        RouteDefinition route = reader(Map.of(
                "portico.route.user.auth", "none",
                "portico.route.user.roles", "admin, ops",
                "portico.route.user.owner-param", "",
                "portico.route.user.timeout", "5s")).route(USER);

        assertEquals(Auth.NONE, route.auth());
        assertEquals(Set.of("admin", "ops"), route.roles());
        assertNull(route.ownerParam());
        assertEquals(Duration.ofSeconds(5), route.timeout());
    }

    @Test
    void unsetRoutePoliciesKeepTheDefaults() {
        assertEquals(USER, reader(Map.of()).route(USER));
    }

    @Test
    void aBadRoutePolicyNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader(Map.of("portico.route.user.auth", "basic")).route(USER));
        assertTrue(e.getMessage().contains("portico.route.user.auth"), e.getMessage());
    }
}
