package com.comicshelf.local.widget;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's chromedriver (nothing downloads a browser), with the
 * viewport emulated at an exact CSS width (a desktop window cannot be made 320 px wide), screenshots
 * under {@code target/screenshots/} and axe-core scans in the same browser.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Path AXE_REPORTS = Path.of("target", "axe");
  private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

  final ChromeDriver driver;
  private int width;
  private final List<String> axeSummary = new ArrayList<>();

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static boolean available() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  static Browser start() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-extensions", "--disable-component-update",
        "--no-first-run", "--window-size=1440,1000", "--hide-scrollbars");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    driver.executeCdpCommand("Network.enable", Map.of());
    return new Browser(driver);
  }

  /** Lays the page out at exactly {@code cssWidth} pixels (a phone's viewport below 480). */
  void viewport(int cssWidth) {
    this.width = cssWidth;
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", cssWidth, "height", cssWidth < 480 ? 800 : 900, "deviceScaleFactor", 1, "mobile", cssWidth < 480));
  }

  int width() {
    return width;
  }

  void open(java.net.URI uri) {
    driver.get(uri.toString());
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100)).until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until an element matching {@code css} is displayed, and returns it. */
  WebElement visible(String css) {
    return waitFor(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** The network as Chrome's devtools throttle it: offline, or {@code latencyMs} and an upload rate. */
  void network(boolean offline, int latencyMs, int uploadBytesPerSecond) {
    driver.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of("offline", offline, "latency", latencyMs, "downloadThroughput", -1, "uploadThroughput", uploadBytesPerSecond));
  }

  /** Emulates the user's {@code prefers-reduced-motion: reduce} setting, or takes it back. */
  void reducedMotion(boolean reduce) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", reduce ? "reduce" : "no-preference"))));
  }

  void normalNetwork() {
    network(false, 0, -1);
  }

  /**
   * Saves {@code target/screenshots/<name>-<width>.png}: the page from its top, as tall as its content
   * (at most 1,600 CSS pixels at phone width, 1,100 on a desktop).
   */
  Path screenshot(String name) {
    Number contentHeight = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
    int height = (int) Math.min(contentHeight.longValue(), width < 480 ? 1600 : 1100);
    @SuppressWarnings("unchecked")
    Map<String, Object> shot =
        (Map<String, Object>)
            (Map<?, ?>)
                driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                        "format", "png",
                        "captureBeyondViewport", true,
                        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs axe-core on the page as it is now and returns its serious and critical violations, each as
   * "rule (impact): help — targets". Every violation of any impact goes to {@code target/axe/}.
   */
  List<String> axe(String name) {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new IllegalStateException("axe-core failed on " + name + ": " + results.getErrorMessage());
    }
    List<Rule> violations = results.getViolations();
    String report =
        violations.stream()
            .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    try {
      Files.createDirectories(AXE_REPORTS);
      Files.writeString(
          AXE_REPORTS.resolve(name + "-" + width + ".txt"),
          "axe-core " + results.getTestEngine().getVersion() + ", " + results.getPasses().size() + " rules passed, "
              + violations.size() + " violated, " + results.getIncomplete().size() + " to review\n" + report + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    axeSummary.add(name + "-" + width + ": " + results.getPasses().size() + " passed, " + violations.size()
        + " violations" + (violations.isEmpty() ? "" : " (" + violations.stream().map(r -> r.getId() + "/" + r.getImpact()).collect(Collectors.joining(", ")) + ")"));
    return violations.stream()
        .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
        .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — "
            + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining("; ")))
        .toList();
  }

  List<String> axeSummary() {
    return axeSummary;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
