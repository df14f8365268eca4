package dev.portico.it;

import dev.portico.demo.HttpService;
import dev.portico.demo.Received;
import dev.portico.demo.ReferenceSystem;
import dev.portico.demo.UserService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real reference backends once per test run (ports as in arquillian.xml), and clears
 * their recorded requests and injected faults before each test.
 */
public final class ReferenceBackends implements BeforeAllCallback, BeforeEachCallback {
    public static final int USERS_PORT = 19091;
    public static final int PRODUCTS_PORT = 19092;
    public static final int ORDERS_PORT = 19093;
    public static final int USERS_B_PORT = 19101;
    /** Two instances of one plain HTTP backend, and a single-instance one to break. */
    public static final EchoService ECHO_A = new EchoService("echo-a", 19094);
    public static final EchoService ECHO_B = new EchoService("echo-b", 19095);
    public static final EchoService FLAKY = new EchoService("flaky", 19096);
    /** The JWKS endpoint the gateway's keys come from in tests, and an echo backend over TLS. */
    public static final KeyServer KEYS = new KeyServer(19097);
    public static final EchoService SECURE = new TlsEchoService("secure", 19098);
    /** A raw-socket backend (closes without answering, slow bodies, early idle close), behind two backend ids. */
    public static final RawBackend RAW = new RawBackend(19100);
    private static final HttpService[] ECHOES = {ECHO_A, ECHO_B, FLAKY, KEYS, SECURE};
    /** Where the gateway exports its spans in tests (arquillian.xml turns tracing on): TracingIT reads them. */
    public static final int OTLP_PORT = 19104;
    private static OtlpReceiver traces;
    /** The second instance of the User service (its twin is the reference system's); arquillian.xml lists both. */
    private static UserService usersB;
    private static ReferenceSystem system;

    /** What both echo instances received, their health checks left out. */
    public static List<Received> echoed() {
        List<Received> all = new ArrayList<>(ECHO_A.received());
        all.addAll(ECHO_B.received());
        all.removeIf(r -> r.target().endsWith("/health"));
        return all;
    }

    /** The spans the gateway exported. */
    static synchronized OtlpReceiver traces() {
        return traces;
    }

    public static synchronized ReferenceSystem system() {
        return system;
    }

    /** The second User service instance: shares the first's faults and record, answers as "users-b". */
    public static synchronized UserService usersB() {
        return usersB;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        synchronized (ReferenceBackends.class) {
            if (system == null) {
                system = new ReferenceSystem(USERS_PORT, PRODUCTS_PORT, ORDERS_PORT).start();
                usersB = new UserService("users-b", USERS_B_PORT, system.users);
                usersB.start();
                RAW.start();
                traces = new OtlpReceiver(OTLP_PORT).start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("otlp", traces);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("users-b", usersB);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("raw", RAW);
                for (HttpService echo : ECHOES) {
                    echo.start();
                    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(echo.name(), echo);
                }
                // Closed by JUnit when the whole run ends (the root store closes AutoCloseable values).
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(ReferenceBackends.class, system);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        system.reset();
        for (HttpService echo : ECHOES) {
            echo.reset();
            echo.start();
        }
        system.users.start(); // idempotent restart for tests that stopped a backend
        usersB.start();
        RAW.reset();
        system.orders.start();
        system.products.start();
    }
}
