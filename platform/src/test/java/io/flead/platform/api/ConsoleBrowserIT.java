package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never a
 * downloaded browser) against a running platform; screenshots go to {@code target/screenshots/}. Skipped, with a
 * message naming the missing package, when the browser is not installed ({@link HeadlessChromium}).
 */
@ExtendWith(HeadlessChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
    static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path work;

    private SettledPlatform run;
    private WebDriver browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        run = SettledPlatform.start(work);
        base = run.platform.apiUrl().toString();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--user-data-dir=" + work.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // the console URL flead up prints: the token in the fragment signs this tab in
        browser.get(run.platform.consoleLoginUrl().toString());
        await(By.id("page"), e -> "true".equals(e.getAttribute("data-loaded")));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void overviewShowsTheF1ChartOverTheGlobalVersions() throws Exception {
        open("#/overview");
        await(By.id("f1-chart"), e -> intAttr(e, "data-points") >= 3);
        // one point per evaluated version (a version's own evaluation, published by a later version), none for the rest
        long evaluated = Sql.count(run.db, "SELECT count(DISTINCT to_jsonb(g)->'evaluation'->>'version') FROM global_models g");
        assertThat((long) attr(By.id("f1-chart"), "data-points"))
            .isEqualTo(evaluated).isGreaterThanOrEqualTo(3);
        await(By.cssSelector("#flow .node[data-topic='edge-iiot-stream']"), e -> e.getText().contains("records"));
        assertThat(text(By.id("flow")))
            .contains("csv-device-source", "timescale-sink", "fedavg", "RUNNING", "task 0: RUNNING", "lag ")
            .doesNotContain("[object", "undefined");
        screenshot("overview");
    }

    @Test
    void devicesArePagedAndSearched() throws Exception {
        List<String> ids = Sql.rows(run.db, "SELECT DISTINCT device_id FROM telemetry ORDER BY device_id").stream()
            .map(r -> (String) r.get("device_id")).toList();
        open("#/devices");
        await(By.id("page-info"), e -> e.getText().startsWith("page 1 of 2"));
        assertThat(links()).isEqualTo(ids.subList(0, 10));
        read(d -> click(d, By.id("next-page")));
        await(By.id("page-info"), e -> e.getText().startsWith("page 2 of 2"));
        assertThat(links()).isEqualTo(ids.subList(10, 20));
        screenshot("devices-page-2");
        read(d -> type(d, By.id("device-search"), ids.get(7)));
        await(By.id("page-info"), e -> e.getText().contains("(1 devices)"));
        assertThat(links()).containsExactly(ids.get(7));
        screenshot("devices-search");
    }

    @Test
    void aDeviceShowsItsTelemetryWithItsAnomaliesMarked() throws Exception {
        String device = (String) Sql.one(run.db, "SELECT device_id FROM anomalies GROUP BY device_id "
            + "ORDER BY count(*) DESC, device_id LIMIT 1");
        long anomalies = Sql.count(run.db, "SELECT count(*) FROM anomalies WHERE device_id = ?", device);
        open("#/device/" + device);
        await(By.id("telemetry-chart"), e -> intAttr(e, "data-anomalies") > 0);
        assertThat((long) attr(By.id("telemetry-chart"), "data-anomalies"))
            .isEqualTo(anomalies);
        assertThat((long) attr(By.id("telemetry-chart"), "data-points"))
            .isEqualTo(Math.min(300, Sql.count(run.db, "SELECT count(*) FROM telemetry WHERE device_id = ?", device)));
        assertThat(text(By.id("anomaly-marks"))).isEqualTo(Long.toString(anomalies));
        screenshot("device");
    }

    @Test
    void theModelsPagePostsAPredictionWithTheCurrentModel() throws Exception {
        long current = Sql.count(run.db, "SELECT max(version) FROM global_models");
        open("#/models");
        await(By.cssSelector("#model-table tbody tr"), e -> true);
        assertThat(this.<Integer>read(d -> d.findElements(By.cssSelector("#model-table tbody tr")).size())).isEqualTo((int) Math.min(200,
            Sql.count(run.db, "SELECT count(*) FROM global_models")));
        read(d -> click(d, By.id("load-row")));
        await(By.id("predict-input"), e -> e.getDomProperty("value").contains("tcp.len"));
        read(d -> click(d, By.id("predict-button")));
        await(By.id("predict-result"), e -> e.getText().contains("model_version"));
        assertThat(text(By.id("predict-result")))
            .contains("\"model_version\": " + current).contains("\"is_anomaly\"");
        screenshot("models-predict");
    }

    @Test
    void theAnomaliesPageFiltersByDevice() throws Exception {
        String device = (String) Sql.one(run.db, "SELECT device_id FROM anomalies ORDER BY time DESC, device_id LIMIT 1");
        long count = Math.min(50, Sql.count(run.db, "SELECT count(*) FROM anomalies WHERE device_id = ?", device));
        open("#/anomalies");
        await(By.id("anomaly-count"), e -> e.getText().equals("50 shown"));
        read(d -> type(d, By.id("anomaly-device"), device + org.openqa.selenium.Keys.TAB));
        await(By.id("anomaly-count"), e -> e.getText().equals(count + " shown"));
        // the page re-renders every 2 s: the rows are read in one go, again if a re-render replaced them meanwhile
        List<String> rows = read(d -> d.findElements(By.cssSelector("#anomaly-table tbody tr")).stream()
            .map(WebElement::getText).toList());
        assertThat(rows).hasSize((int) count).allMatch(r -> r.contains(device));
        screenshot("anomalies");
    }

    @Test
    void withoutTheTokenATabShowsTheSignInFormAndNoData() throws Exception {
        String console = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);   // sessionStorage is per tab: this one has no token
        try {
            browser.get(base + "#/devices");
            await(By.id("sign-in"), e -> e.getText().contains("Missing API token"));
            assertThat(browser.findElements(By.id("device-table"))).isEmpty();
            screenshot("sign-in");
            read(d -> type(d, By.id("token-input"), "x".repeat(43)));
            read(d -> click(d, By.id("token-button")));
            await(By.id("sign-in"), e -> e.getText().contains("Invalid API token"));
            read(d -> type(d, By.id("token-input"), run.platform.apiToken().reveal()));
            read(d -> click(d, By.id("token-button")));
            await(By.id("page-info"), e -> e.getText().contains("(" + SettledPlatform.DEVICES + " devices)"));
        } finally {
            browser.close();
            browser.switchTo().window(console);
        }
    }

    /**
     * Device ids, feature names, update ids and reasons written straight into the tables (the source accepts any file
     * name as a device id, and CSV headers as feature names) render as the text they are. Runs last: it adds devices.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void hostileIdsFeatureNamesAndReasonsRenderAsText() throws Exception {
        HostileRows hostile = HostileRows.insert(run.db);
        try {
            open("#/devices");
            await(By.id("page-info"), e -> e.getText().contains("(" + (SettledPlatform.DEVICES + 3) + " devices)"));
            assertThat(this.<List<String>>script("return Array.from(document.querySelectorAll('#device-table a.device-link'))"
                + ".map(a => a.textContent)")).contains(HostileRows.MARKUP, HostileRows.UNICODE);
            assertNothingInjected("devices");

            open("#/anomalies");
            await(By.id("anomaly-count"), e -> e.getText().endsWith(" shown"));
            assertThat(this.<String>script("return document.getElementById('anomaly-table').textContent"))
                .contains(HostileRows.MARKUP, HostileRows.UNICODE, HostileRows.FEATURES.get(0));
            assertNothingInjected("anomalies");

            open("#/device/" + HostileRows.FEATURES_DEVICE);
            await(By.id("feature-select"), e -> !e.findElements(By.tagName("option")).isEmpty());
            assertThat(this.<List<String>>script("return Array.from(document.querySelectorAll('#feature-select option'))"
                + ".map(o => o.value)")).containsAll(HostileRows.FEATURES);
            assertThat(this.<String>script("return document.getElementById('device-alerts').textContent"))
                .contains(HostileRows.FEATURES.get(0));
            assertNothingInjected("device");

            open("#/models");
            await(By.cssSelector("#model-table tbody tr"), e -> e.getText().startsWith(Long.toString(hostile.version())));
            assertThat(this.<String>script("return document.getElementById('model-table').textContent"))
                .contains(HostileRows.MARKUP + ": " + HostileRows.UNICODE);
            assertNothingInjected("models");
        } finally {
            hostile.delete(run.db);
        }
    }

    /** No element of the hostile text became markup, and none of its scripts ran. */
    private void assertNothingInjected(String page) throws Exception {
        screenshot("hostile-" + page);
        assertThat(this.<Long>script("return document.querySelectorAll('#page img, #page script, #page iframe, "
            + "#page [onerror]').length")).as(page).isZero();
        assertThat(this.<Object>script("return window.__fleadPwned === undefined ? null : window.__fleadPwned")).as(page).isNull();
    }

    @SuppressWarnings("unchecked")
    private <T> T script(String js) {
        return (T) ((JavascriptExecutor) browser).executeScript(js);
    }

    private void open(String hash) {
        browser.get(base + hash);
        await(By.id("page"), e -> "true".equals(e.getAttribute("data-loaded")));
    }

    private List<String> links() {
        return read(d -> d.findElements(By.cssSelector("#device-table a.device-link")).stream()
            .map(WebElement::getText).toList());
    }

    /**
     * Reads from the page, again when a periodic re-render replaced an element while it was being read
     * ({@code StaleElementReferenceException}): every read of an element after it was found goes through here.
     */
    private <T> T read(java.util.function.Function<org.openqa.selenium.WebDriver, T> reading) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(reading::apply);
    }

    private WebElement await(By by, java.util.function.Predicate<WebElement> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> {
                List<WebElement> found = d.findElements(by);
                return !found.isEmpty() && condition.test(found.get(0)) ? found.get(0) : null;
            });
    }

    private String text(By by) {
        return this.<String>read(d -> d.findElement(by).getText());
    }

    private int attr(By by, String name) {
        return this.<Integer>read(d -> intAttr(d.findElement(by), name));
    }

    private static boolean click(org.openqa.selenium.WebDriver d, By by) {
        d.findElement(by).click();
        return true;
    }

    /** Types into a field, replacing what a read interrupted by a re-render may have typed before. */
    private static boolean type(org.openqa.selenium.WebDriver d, By by, CharSequence keys) {
        WebElement field = d.findElement(by);
        field.clear();
        field.sendKeys(keys);
        return true;
    }

    private static int intAttr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
