package org.baihua.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser against a real host: a trainer's whole path from a shipped
 * sample to a promoted model and an explained prediction, a reader who is offered nothing that
 * changes state, and a wrong key. Screenshots of each page go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String MODEL = "diabetes";
    private static final String PIMA_COLUMNS =
            "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age,outcome";

    @TempDir
    static Path tmp;

    private static Host host;
    private Browser browser;

    @BeforeAll
    static void startHost() throws Exception {
        Optional<String> missing = Browser.missing();
        if (missing.isPresent()) {
            // In CI the browser is installed by .ci/run; its absence there is a failure, never a silent skip.
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but the console browser tests cannot run: " + missing.get());
            }
            Assumptions.abort("Console browser tests skipped: " + missing.get());
        }
        host = Host.start(tmp.resolve("host"));
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        browser = Browser.open(tmp.resolve("profile-" + name), screenshots().resolve(name), "en-US");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.screenshot("last");
            browser.close();
        }
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("baihua.screenshots.dir", "target/console-screenshots"));
    }

    /** A sample data file shipped with a bundled plugin. */
    private static Path sample(String plugin, String file) {
        return Path.of(System.getProperty("baihua.plugins.src"), plugin, "src", "main", "resources", "samples", file).toAbsolutePath().normalize();
    }

    private void logIn(String key) {
        browser.driver.get(host.uri.toString());
        WebElement input = browser.waitFor(By.id("login-key"));
        browser.screenshot("login");
        input.sendKeys(key);
        browser.find(By.id("login-submit")).click();
    }

    private void go(String hash) {
        browser.driver.get(host.uri + "#" + hash);
    }

    private String status() {
        return browser.find(By.id("status")).getText();
    }

    @Test
    @Order(1)
    void aWrongKeyGetsAClearMessageAndNoPage() {
        browser.driver.get(host.uri.toString());
        // from the keyboard only: type the key and press Enter
        browser.waitFor(By.id("login-key")).sendKeys("not-a-key-of-this-host", Keys.ENTER);
        browser.waitUntil(Duration.ofSeconds(30), d -> status().contains("not valid"));
        browser.screenshot("wrong-key");
        assertThat(status()).contains("This API key is not valid on this host");
        assertThat(browser.find(By.id("login-key")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElements(By.id("nav-models"))).isEmpty();
        assertThat((String) ((JavascriptExecutor) browser.driver).executeScript("return sessionStorage.getItem('baihua.key')")).isNull();
    }

    @Test
    @Order(2)
    void aTrainerGoesFromASampleToAPromotedModelAndAnExplainedPrediction() throws Exception {
        logIn(Host.ADMIN);
        browser.waitFor(By.id("nav-datasets"));
        assertThat((String) ((JavascriptExecutor) browser.driver).executeScript("return localStorage.getItem('baihua.key')")).isNull();

        // plugins, domains and tasks, with the admin's controls
        browser.find(By.id("nav-plugins")).click();
        browser.waitFor(By.id("plugins-table"));
        assertThat(browser.find(By.id("plugins-table")).getText()).contains("medical").contains("finance").contains("industrial");
        assertThat(browser.driver.findElements(By.id("plugin-install"))).hasSize(1);
        browser.screenshot("plugins");
        browser.find(By.id("plugin-disable-finance")).click();
        browser.waitUntil(Duration.ofSeconds(60), d -> status().contains("Plugin finance disabled"));
        browser.waitFor(By.id("plugin-enable-finance"));
        assertThat(host.get("/api/v1/plugins/finance").get("state").asText()).isEqualTo("DISABLED");
        browser.find(By.id("plugin-enable-finance")).click();
        browser.waitUntil(Duration.ofSeconds(60), d -> status().contains("Plugin finance enabled"));
        browser.waitFor(By.id("plugin-disable-finance"));
        assertThat(host.get("/api/v1/plugins/finance").get("state").asText()).isEqualTo("STARTED");

        // upload a shipped sample
        browser.find(By.id("nav-datasets")).click();
        browser.waitFor(By.id("upload-file"));
        Path pima = sample("medical", "pima-indians-diabetes.csv");
        browser.find(By.id("upload-file")).sendKeys(pima.toAbsolutePath().toString());
        new Select(browser.find(By.id("upload-task"))).selectByValue("medical/diabetes-risk");
        browser.find(By.id("upload-name")).sendKeys("pima");
        browser.find(By.id("upload-mapping")).sendKeys("label=outcome");
        browser.find(By.id("upload-label-values")).sendKeys("0:negative,1:positive");
        browser.find(By.id("upload-options")).sendKeys("header=false\ncolumns=" + PIMA_COLUMNS);
        browser.screenshot("datasets");
        browser.find(By.id("upload-submit")).click();
        browser.waitFor(By.id("label-counts"));
        assertThat(browser.find(By.id("label-counts")).getText()).contains("negative").contains("500").contains("positive").contains("268");
        assertThat(browser.find(By.id("rows-table")).findElements(By.cssSelector("tbody tr"))).hasSize(20);
        assertThat(browser.find(By.id("rows-table")).getText()).contains("glucose").contains("148");
        assertThat(browser.driver.findElements(By.id("rejected-none"))).hasSize(1);
        browser.screenshot("dataset");

        // train twice, following the live progress to the end
        trainFromDatasetPage("7");
        int first = openVersionFromJob();
        assertConfusionMatrixEqualsTheApi(first);
        for (String chart : List.of("roc-chart", "pr-chart", "calibration-chart", "threshold-chart", "history-chart")) {
            WebElement figure = browser.find(By.id(chart));
            assertThat(figure.findElements(By.tagName("canvas"))).as(chart + " is drawn").isNotEmpty();
            assertThat(figure.findElements(By.cssSelector("details table tbody tr"))).as(chart + " has a table view").isNotEmpty();
        }
        assertThat(browser.find(By.id("threshold-chart")).getText()).contains("Operating point");
        browser.screenshot("version");

        go("/datasets");
        browser.waitFor(By.id("datasets-table")).findElement(By.cssSelector("tbody a")).click();
        browser.waitFor(By.id("train-link"));
        trainFromDatasetPage("11");
        int second = openVersionFromJob();
        assertThat(second).isEqualTo(first + 1);

        // compare the two versions
        go("/models/" + MODEL);
        browser.waitFor(By.id("compare-submit"));
        new Select(browser.find(By.id("compare-a"))).selectByValue(String.valueOf(first));
        new Select(browser.find(By.id("compare-b"))).selectByValue(String.valueOf(second));
        browser.find(By.id("compare-submit")).click();
        browser.waitFor(By.id("compare-metrics"));
        assertThat(browser.find(By.id("compare-metrics")).getText()).contains("v" + first).contains("v" + second).contains("Accuracy");
        assertThat(cells(browser.find(By.id("confusion-b")))).isEqualTo(apiConfusion(second));
        assertThat(browser.find(By.id("compare-roc")).findElements(By.tagName("canvas"))).isNotEmpty();
        browser.screenshot("compare");

        // promote the second version
        go("/models/" + MODEL);
        browser.waitFor(By.id("promote-" + second)).click();
        browser.waitUntil(Duration.ofSeconds(30), d -> status().contains("now in production"));
        assertThat(host.get("/api/v1/models/" + MODEL).get("productionVersion").asInt()).isEqualTo(second);
        browser.screenshot("promoted");

        // predict from the form generated from the task's fields, and see the explanation
        browser.find(By.id("predict-link")).click();
        browser.waitFor(By.id("in-glucose")).sendKeys("183");
        browser.find(By.id("in-bmi")).sendKeys("33.6");
        browser.find(By.id("in-age")).sendKeys("50");
        browser.find(By.id("in-pregnancies")).sendKeys("6");
        browser.find(By.id("predict-submit")).click();
        WebElement decision = browser.waitFor(By.id("decision"));
        assertThat(decision.getText()).containsPattern("Decision: (positive|negative) \\(version " + second + "\\)");
        List<WebElement> bars = browser.find(By.id("field-bars")).findElements(By.cssSelector("tbody tr"));
        assertThat(bars).isNotEmpty();
        assertThat(browser.find(By.id("field-bars")).getText()).contains("glucose");
        browser.screenshot("predict");
    }

    @Test
    @Order(3)
    void aTextPredictionHighlightsItsWords() throws Exception {
        logIn(Host.ADMIN);
        browser.waitFor(By.id("nav-datasets")).click();
        // a slice of the shipped work orders keeps the text encoder's share of the test short
        Path orders = sample("industrial", "synthetic-work-orders.csv");
        List<String> lines = Files.readAllLines(orders);
        Path slice = Files.write(tmp.resolve("work-orders-300.csv"), lines.subList(0, 301)).toAbsolutePath().normalize();
        browser.waitFor(By.id("upload-file")).sendKeys(slice.toAbsolutePath().toString());
        new Select(browser.find(By.id("upload-task"))).selectByValue("industrial/maintenance-log");
        browser.find(By.id("upload-mapping")).sendKeys("text=text,asset_type=asset_type,label=category");
        browser.find(By.id("upload-options")).sendKeys("header=true");
        browser.find(By.id("upload-submit")).click();
        browser.waitFor(By.id("train-link")).click();
        browser.waitFor(By.id("train-name")).sendKeys("orders");
        browser.find(By.id("train-epochs")).sendKeys("20");
        browser.find(By.id("train-submit")).click();
        int version = openVersionFromJob();
        go("/models/orders");
        browser.waitFor(By.id("promote-" + version)).click();
        browser.waitUntil(Duration.ofSeconds(30), d -> status().contains("now in production"));
        browser.find(By.id("predict-link")).click();
        browser.waitFor(By.id("in-text")).sendKeys("motor will not start, electrical fault at the contactor");
        browser.find(By.id("in-asset_type")).sendKeys("conveyor");
        browser.find(By.id("predict-submit")).click();
        browser.waitFor(By.id("decision"));
        List<WebElement> marks = browser.find(By.id("explained-text")).findElements(By.tagName("mark"));
        assertThat(marks).isNotEmpty();
        assertThat(marks).allSatisfy(m -> assertThat(m.getAttribute("class")).matches("(for|against) w[1-4]"));
        assertThat(browser.find(By.id("word-weights")).findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        browser.screenshot("predict-text");
    }

    @Test
    @Order(4)
    void aReaderSeesTheModelsButNoControlThatChangesThem() throws Exception {
        logIn(host.readerKey);
        browser.waitFor(By.id("nav-models"));
        assertThat(browser.driver.findElements(By.id("nav-datasets"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("nav-train"))).isEmpty();
        assertThat(browser.find(By.id("who")).getText()).contains("viewer").contains("reader");
        go("/models/" + MODEL);
        browser.waitFor(By.id("versions-table"));
        assertThat(browser.driver.findElements(By.cssSelector("button.mutating"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("rollback"))).isEmpty();
        browser.screenshot("reader-model");
        go("/models/" + MODEL + "/versions/1");
        browser.waitFor(By.id("confusion-matrix"));
        assertThat(browser.driver.findElements(By.cssSelector("button.mutating"))).isEmpty();
        go("/plugins");
        browser.waitFor(By.id("plugins-table"));
        // a new page takes the keyboard focus to its heading, so screen readers announce it
        assertThat((String) ((JavascriptExecutor) browser.driver).executeScript("return document.activeElement.id")).isEqualTo("page-title");
        assertThat(browser.driver.findElements(By.cssSelector("button.mutating"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("plugin-install"))).isEmpty();
        browser.screenshot("reader-plugins");
        // the reader may still try the model
        go("/predict/" + MODEL);
        browser.waitFor(By.id("in-glucose")).sendKeys("120");
        browser.find(By.id("predict-submit")).click();
        assertThat(browser.waitFor(By.id("decision")).getText()).startsWith("Decision:");
    }

    @Test
    @Order(5)
    void theLanguageSwitchShowsTheChineseTexts() {
        logIn(Host.ADMIN);
        browser.waitFor(By.id("nav-models"));
        new Select(browser.find(By.id("lang"))).selectByValue("zh");
        browser.waitUntil(Duration.ofSeconds(30), d -> browser.find(By.id("nav-models")).getText().equals("模型"));
        assertThat(browser.find(By.id("page-title")).getText()).isEqualTo("模型");
        browser.screenshot("chinese");
    }

    private void trainFromDatasetPage(String seed) {
        browser.find(By.id("train-link")).click();
        browser.waitFor(By.id("train-name")).sendKeys(MODEL);
        browser.find(By.id("train-epochs")).sendKeys("40");
        browser.find(By.id("train-seed")).sendKeys(seed);
        browser.screenshot("train");
        browser.find(By.id("train-submit")).click();
    }

    /** On the job page: waits for the live progress to reach its end, then opens the version. */
    private int openVersionFromJob() {
        browser.waitFor(By.id("job-progress"));
        browser.waitUntil(Duration.ofMinutes(5), d -> {
            String state = browser.find(By.id("job-state")).getAttribute("data-state");
            if ("FAILED".equals(state) || "CANCELLED".equals(state)) {
                throw new AssertionError("training ended " + state + ": " + browser.find(By.id("job-after")).getText());
            }
            return "SUCCEEDED".equals(state);
        });
        WebElement progress = browser.find(By.id("job-progress"));
        assertThat(progress.getAttribute("value")).isEqualTo(progress.getAttribute("max"));
        assertThat(browser.find(By.id("job-line")).getText()).startsWith("Epoch");
        browser.screenshot("job");
        String href = browser.find(By.id("open-version")).getAttribute("href");
        browser.find(By.id("open-version")).click();
        browser.waitFor(By.id("confusion-matrix"));
        return Integer.parseInt(href.substring(href.lastIndexOf('/') + 1));
    }

    private void assertConfusionMatrixEqualsTheApi(int version) throws Exception {
        assertThat(cells(browser.find(By.id("confusion-matrix")))).isEqualTo(apiConfusion(version));
    }

    private List<List<Long>> apiConfusion(int version) throws Exception {
        JsonNode matrix = host.get("/api/v1/models/" + MODEL + "/versions/" + version).get("metrics").get("test").get("confusionMatrix");
        List<List<Long>> rows = new ArrayList<>();
        matrix.forEach(row -> {
            List<Long> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asLong()));
            rows.add(cells);
        });
        assertThat(rows.stream().flatMap(List::stream).mapToLong(Long::longValue).sum()).isPositive();
        return rows;
    }

    private static List<List<Long>> cells(WebElement table) {
        List<List<Long>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            rows.add(tr.findElements(By.cssSelector("td.cm")).stream().map(td -> Long.parseLong(td.getText().trim())).toList());
        }
        return rows;
    }
}
