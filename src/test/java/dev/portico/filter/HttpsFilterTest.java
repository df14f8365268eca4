package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpsFilterTest {
    @Test
    void redirectsToTheSamePathAndQueryOnTheHttpsPort() {
        assertEquals(URI.create("https://gw.example:9443/api/user/123/orders?a=%20b"),
                HttpsFilter.redirect(URI.create("http://gw.example:9080/api/user/123/orders?a=%20b"), 9443));
        assertEquals(URI.create("https://gw.example/x"), HttpsFilter.redirect(URI.create("http://gw.example/x"), 443));
        assertEquals(URI.create("https://[::1]:9443/x"), HttpsFilter.redirect(URI.create("http://[::1]:9080/x"), 9443));
    }

    @Test
    void neverRedirectsToSomethingThatIsNotAHostName() {
        assertNull(HttpsFilter.redirect(URI.create("http://user@evil.example@gw/x"), 9443));
        assertNull(HttpsFilter.redirect(URI.create("/relative"), 9443));
    }
}
