package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpsStageTest {
    @Test
    void redirectsToTheSamePathAndQueryOnTheHttpsPort() {
        assertEquals(URI.create("https://gw.example:9443/api/user/123/orders?a=%20b"),
                HttpsStage.redirect("gw.example", "/api/user/123/orders", "a=%20b", 9443));
        assertEquals(URI.create("https://gw.example/x"), HttpsStage.redirect("gw.example", "/x", null, 443));
        assertEquals(URI.create("https://[::1]:9443/x"), HttpsStage.redirect("[::1]", "/x", null, 9443));
    }

    @Test
    void neverRedirectsToSomethingThatIsNotAHostName() {
        assertNull(HttpsStage.redirect("user@evil.example@gw", "/x", null, 9443));
        assertNull(HttpsStage.redirect(null, "/relative", null, 9443));
    }
}
