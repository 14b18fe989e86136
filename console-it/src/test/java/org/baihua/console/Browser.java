package org.baihua.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages, driven through chromedriver, with a fresh profile;
 * waits on conditions with deadlines and writes a screenshot of each page it is asked to.
 */
final class Browser implements AutoCloseable {

    private static final String INSTALL_HINT = "install them with: apt-get update && apt-get install -y chromium chromium-driver";

    final WebDriver driver;
    private final Path screenshots;
    private int shots;

    private Browser(WebDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** chromedriver and chromium on the PATH (or their Debian locations), if both are there. */
    static Optional<String> missing() {
        if (find("chromedriver").isEmpty()) {
            return Optional.of("chromedriver is not installed; " + INSTALL_HINT);
        }
        if (find("chromium").isEmpty() && find("chromium-browser").isEmpty()) {
            return Optional.of("chromium is not installed; " + INSTALL_HINT);
        }
        return Optional.empty();
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/lib/chromium";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    static Browser open(Path profile, Path screenshots, String language) throws IOException {
        Files.createDirectories(screenshots);
        try (Stream<Path> old = Files.list(screenshots)) { // a test's pictures are of its last run only
            for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(png);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(find("chromium").or(() -> find("chromium-browser")).orElseThrow().toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + Files.createDirectories(profile));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(find("chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, screenshots);
    }

    WebElement waitFor(By by) {
        return waitUntil(Duration.ofSeconds(30), ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T waitUntil(Duration timeout, Function<? super WebDriver, T> condition) {
        // the page re-renders parts of itself (navigation, status): an element read mid-render is read again
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Writes the whole page as it is now (not only the window) to NN-name.png in the screenshot folder. */
    void screenshot(String name) {
        Path target = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
        try {
            Files.write(target, fullPage());
        } catch (IOException | RuntimeException e) {
            try {
                Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException again) {
                System.err.println("could not write screenshot " + name + ": " + again);
            }
        }
    }

    /** Chrome's DevTools capture of the page's full content size. */
    @SuppressWarnings("unchecked")
    private byte[] fullPage() {
        ChromeDriver chrome = (ChromeDriver) driver;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(8000, ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
