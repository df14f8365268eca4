package dev.portico.it;

import static dev.portico.json.Jsons.JSON;

import dev.portico.devtools.DevToken;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** A client for the gateway under test (Liberty on 127.0.0.1:9080) and tokens from the dev key pair. */
public final class Gateway {
    public static final String BASE = "http://127.0.0.1:9080";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway() {
    }

    /** The built WAR, as every IT class deploys it (one Liberty serves them all). */
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("portico.war", "target/portico.war")));
    }

    public static String token(String subject, String groups) {
        return sign(DevToken.forSubject(subject).groups(groups));
    }

    public static String badToken(String variant) {
        return sign(DevToken.forSubject("123").groups("user").bad(variant));
    }

    private static String sign(DevToken token) {
        try {
            return token.sign(Path.of(System.getProperty("dev.keys.dir", "target/dev-keys")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public static HttpResponse<String> post(String path, String token, String json) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    public static JsonStructure parse(String body) {
        return JSON.createReader(new StringReader(body)).read();
    }
}
