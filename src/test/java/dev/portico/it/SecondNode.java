package dev.portico.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A second gateway node: its own Liberty server (portico-node2) in the same installation as the one
 * Arquillian manages, with the same server configuration, the same built WAR and the same keys
 * (arquillian.xml's system properties), on HTTP 9081 and Hazelcast 5702 — what {@code liberty/second-node}
 * does for a user. Both list 5701 and 5702 as members, so the two form one cluster.
 */
final class SecondNode {
    static final String NAME = "portico-node2";
    static final int HTTP_PORT = 9081;
    /** Its {@code portico.shutdown.grace}: long enough to see it serve while draining, short for CI. */
    static final Duration GRACE = Duration.ofSeconds(3);
    private static final Pattern VM_ARGUMENTS = Pattern.compile("name=\"javaVmArguments\">([^<]*)<");

    private final Path wlp = Path.of(System.getProperty("wlp.home", "target/liberty/wlp"));
    private final Path dir = wlp.resolve("usr/servers/" + NAME);

    /** Creates the server afresh from the first one's configuration and starts it; returns once its gateway is ready. */
    static SecondNode start() throws Exception {
        SecondNode node = new SecondNode();
        node.create();
        node.server("start");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> Gateway.send(node.request("/health/ready")).statusCode() == 200);
        return node;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path)).timeout(Duration.ofSeconds(20));
    }

    void stop() throws Exception {
        server("stop");
    }

    /** Sends its JVM SIGTERM, as Kubernetes or systemd stop a pod or a service; returns the process. */
    ProcessHandle terminate() throws IOException {
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + NAME + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(NAME + " is not running"));
        process.destroy(); // SIGTERM on Unix
        return process;
    }

    private void create() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path first = wlp.resolve("usr/servers/portico");
        Files.createDirectories(dir.resolve("dropins"));
        for (String file : List.of("server.xml", "server.env")) {
            Files.copy(first.resolve(file), dir.resolve(file));
        }
        copyTree(first.resolve("configDropins"), dir.resolve("configDropins"));
        Files.copy(Path.of(System.getProperty("portico.war", "target/portico.war")), dir.resolve("dropins/portico.war"));
        StringBuilder options = new StringBuilder(Files.readString(first.resolve("jvm.options"))).append('\n');
        for (String argument : arquillianVmArguments()) {
            options.append(argument).append('\n');
        }
        Files.writeString(dir.resolve("jvm.options"), options);
    }

    /** The system properties Arquillian starts the first node with: the tests' routes, backends and keys. */
    private static String[] arquillianVmArguments() throws IOException {
        try (InputStream in = SecondNode.class.getClassLoader().getResourceAsStream("arquillian.xml")) {
            Matcher matcher = VM_ARGUMENTS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!matcher.find()) {
                throw new IllegalStateException("arquillian.xml has no javaVmArguments");
            }
            return matcher.group(1).trim().split("\\s+");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void server(String action) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, NAME)
                .redirectErrorStream(true).redirectOutput(dir.resolve(action + ".out").toFile());
        builder.environment().put("HTTP_PORT", String.valueOf(HTTP_PORT));
        builder.environment().put("HTTPS_PORT", "9444");
        builder.environment().put("PORTICO_CLUSTER_PORT", "5702");
        builder.environment().put("PORTICO_SHUTDOWN_GRACE", GRACE.toSeconds() + "s");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + NAME + " failed: "
                    + Files.readString(dir.resolve(action + ".out")));
        }
    }
}
