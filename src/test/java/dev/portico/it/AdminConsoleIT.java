package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.ReferenceBackends.ECHO_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The admin console at {@code /admin/ui} in a real browser: Debian's Chromium, headless, driven through
 * its ChromeDriver. An admin signs in with a token, sees routes and backends, sees an instance of the
 * echo backend turn unhealthy when its health path fails, and the request rate drawn; the token is kept
 * nowhere but in the page's memory. The screenshot lands in {@code target/admin-console.png}.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class AdminConsoleIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        assertTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run", "--window-size=1400,1300",
                "--user-data-dir=" + Files.createTempDirectory("portico-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        ECHO_B.faults().reset();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theFilesAreServedWithAStrictPolicyAndHoldNoData() {
        HttpResponse<String> page = send(request("/admin/ui/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, send(request("/admin/ui/uPlot.iife.min.js")).statusCode(), "the chart library is in the WAR");
        assertEquals(404, send(request("/admin/ui/nope.js")).statusCode());
        assertEquals(401, get("/admin/stats", null).statusCode(), "the data needs the admin's token");
        assertEquals(403, get("/admin/stats", token("alice", "user")).statusCode());
    }

    @Test
    void anAdminSeesRoutesBackendsARateAndABackendTurningUnhealthy() throws Exception {
        browser.get(Gateway.BASE + "/admin/ui/");
        signIn(token("alice", "user"));
        await().atMost(Duration.ofSeconds(10)).until(() -> text("login-error").contains("role"));
        assertTrue(browser.findElement(By.id("console")).getAttribute("hidden") != null, "a user's token does not open it");

        signIn(token("ops", "admin"));
        await().atMost(Duration.ofSeconds(15)).until(() -> rows("routes").stream().anyMatch(r -> r.startsWith("user-orders-seed")));
        await().atMost(Duration.ofSeconds(15)).until(() -> instanceRow("19095").contains("healthy"));
        assertTrue(!instanceRow("19095").contains("unhealthy"), instanceRow("19095"));

        ECHO_B.faults().status(503); // its health path fails now
        Set<String> updates = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (int i = 0; i < 5; i++) { // traffic on two routes while the console polls
                get("/api/v1/echo/console", null);
                get("/api/v1/stock/sku-1", null);
            }
            updates.add(text("status"));
            return instanceRow("19095").contains("unhealthy") && updates.size() >= 5
                    && routeCell("echo", 6).matches("[0-9]+\\.[0-9]") && !routeCell("echo", 6).equals("0.0")
                    && !browser.findElements(By.cssSelector("#rate-chart canvas")).isEmpty();
        });
        assertTrue(instanceRow("19094").contains("healthy") && !instanceRow("19094").contains("unhealthy"), instanceRow("19094"));

        Object stored = script(
                "return localStorage.length + sessionStorage.length + document.cookie.length + location.href.indexOf('ey');");
        assertEquals(-1L, stored, "the token is in no storage, cookie or URL");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target/admin-console.png"), StandardCopyOption.REPLACE_EXISTING);
        ECHO_B.faults().reset();
    }

    private static void signIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
    }

    // Read in one script each: the tables are redrawn every poll, so element handles go stale.
    private static String text(String id) {
        return (String) script("return document.getElementById(arguments[0]).textContent;", id);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(String table) {
        return (List<String>) script("return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
                + ".map(r => Array.from(r.cells).map(c => c.textContent).join(' '));", table);
    }

    private static String instanceRow(String port) {
        return rows("backends").stream().filter(r -> r.contains("127.0.0.1:" + port)).findFirst().orElse("");
    }

    private static String routeCell(String route, int column) {
        return (String) script("const r = document.querySelector('#routes tr[data-route=\"' + arguments[0] + '\"]');"
                + " return r && r.cells.length > arguments[1] ? r.cells[arguments[1]].textContent : '';", route, column);
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }
}
