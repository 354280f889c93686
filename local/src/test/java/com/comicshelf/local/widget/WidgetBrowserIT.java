package com.comicshelf.local.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.comicshelf.local.InProcessGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The widget in Debian's headless Chromium against the local gateway (its own database, its own
 * embedded S3): every screen at a desktop width (1200 px) and a phone's (320 px), the flows a person
 * goes through, the loading, empty and failure states, keyboard-only use, and an axe-core scan of
 * every screen that must find no serious or critical violation. Screenshots of every screen go to
 * {@code target/screenshots/}, axe reports to {@code target/axe/}.
 *
 * <p>Each width signs in as its own demo reader (the demo network's first two members), so what one
 * width adds or removes does not change what the other sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetBrowserIT {
  private static final long DEMO_READER = 1_000_000_001L;
  private static final long DEMO_FRIEND = 1_000_000_002L;
  /** Readers the demo network does not know: no friends, no favorites. */
  private static final long NEWCOMER = 3_000_000_000L;
  private static final long KEYBOARD_USER = 3_100_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path FILES = Path.of("target", "widget-it-files");

  private static WidgetGateway gateway;
  private static Browser browser;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    long started = System.nanoTime();
    gateway = WidgetGateway.start("comicshelf_widget_it");
    long gatewayMillis = (System.nanoTime() - started) / 1_000_000;
    browser = Browser.start();
    System.out.printf("widget suite: gateway with embedded S3 and demo covers up in %d ms, browser in %d ms%n",
        gatewayMillis, (System.nanoTime() - started) / 1_000_000 - gatewayMillis);
    Files.createDirectories(FILES);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      Files.createDirectories(Browser.AXE_REPORTS);
      Files.write(Browser.AXE_REPORTS.resolve("summary.txt"), browser.axeSummary());
      browser.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private static long reader(int width) {
    return width == 1200 ? DEMO_READER : DEMO_FRIEND;
  }

  // --- the flows ---------------------------------------------------------------------------------

  @Order(1)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void friendsRanking_showsCoversAndLikedBy_andAddsAComicInOneClick(int width) throws Exception {
    long user = reader(width);
    String token = gateway.signedRequest(user);
    browser.viewport(width);
    browser.open(gateway.widget(token, "popular"));

    browser.waitFor(d -> d.findElements(By.cssSelector("#popular-body .comic-card.ranked")).size() >= 10 ? true : null);
    assertThat(browser.driver.getCurrentUrl()).as("the token is taken out of the address").doesNotContain("token=");
    List<WebElement> cards = browser.findAll("#popular-body .comic-card.ranked");
    for (int i = 0; i < 5; i++) {
      WebElement card = cards.get(i);
      String title = card.findElement(By.cssSelector(".comic-title")).getText();
      WebElement cover = card.findElement(By.cssSelector("img.cover"));
      assertThat(card.findElement(By.cssSelector(".rank")).getAttribute("textContent")).isEqualTo("Rank " + (i + 1));
      assertThat(cover.getAttribute("alt")).isEqualTo("Cover of " + title);
      // The intrinsic size is reserved before the image arrives (CSS draws it at 64 × 96 on a phone).
      assertThat(cover.getDomAttribute("width")).isEqualTo("80");
      assertThat(cover.getDomAttribute("height")).isEqualTo("120");
      assertThat(cover.getAttribute("loading")).isEqualTo("lazy");
      assertThat(cover.getAttribute("src")).contains("/comic-shelf-local/public/covers/");
      assertThat(card.findElement(By.cssSelector(".liked-by")).getText())
          .matches("liked by [^,]+(, [^,]+)*( and (\\d+ others?|[^,]+))?");
    }
    assertThat(cards.get(0).findElement(By.cssSelector(".liked-by")).getText()).matches("liked by [^,]+, [^,]+, [^,]+ and \\d+ others");
    // The painted demo cover (240 × 360) really arrives from the embedded S3.
    browser.waitFor(d -> Boolean.TRUE.equals(browser.script(
        "const img = arguments[0]; return img.complete && img.naturalWidth === 240 && img.naturalHeight === 360;",
        cards.get(0).findElement(By.cssSelector("img.cover")))) ? true : null);
    assertNoHorizontalScroll(width);
    browser.screenshot("popular");
    assertThat(browser.axe("popular")).isEmpty();

    // One click adds a comic I do not have yet.
    WebElement card = cards.stream().filter(c -> !c.findElements(By.cssSelector(".btn-add")).isEmpty()).findFirst().orElseThrow();
    long comicId = Long.parseLong(card.getAttribute("data-comic-id"));
    card.findElement(By.cssSelector(".btn-add")).click();
    browser.waitFor(d -> card.findElements(By.cssSelector(".in-favorites")).isEmpty() ? null : true);
    assertThat(favoriteIds(token)).contains(comicId);

    // "Only comics I don't have" asks the API for excludeMine=true: no comic of mine is left.
    browser.find("#popular-exclude-mine").click();
    browser.waitFor(d -> browser.findAll("#popular-body [data-comic-id='" + comicId + "']").isEmpty()
        && browser.find("#popular-body").getAttribute("aria-busy") == null ? true : null);
    assertThat(browser.findAll("#popular-body .comic-card.ranked")).isNotEmpty();
    assertThat(browser.findAll("#popular-body .in-favorites")).isEmpty();
    browser.screenshot("popular-not-mine");
    assertThat(browser.axe("popular-not-mine")).isEmpty();
    browser.find("#popular-exclude-mine").click(); // remembered in localStorage: back to the whole ranking
    browser.waitFor(d -> browser.findAll("#popular-body [data-comic-id='" + comicId + "']").isEmpty() ? null : true);
  }

  @Order(2)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void searchAsYouType_addsAFavorite_thatMyFavoritesThenList(int width) throws Exception {
    String token = gateway.signedRequest(reader(width));
    browser.viewport(width);
    browser.open(gateway.widget(token, "find"));

    browser.visible("#find-q").sendKeys("the");
    browser.waitFor(d -> browser.find("#find-status").getText().contains("match “the”") ? true : null);
    // Typed in one go: the debounce sent one search, not one per letter.
    assertThat(((Number) browser.script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/comics?')).length")).intValue())
        .isEqualTo(1);
    List<WebElement> results = browser.findAll("#find-body .comic-card[data-comic-id]");
    assertThat(results).hasSizeGreaterThanOrEqualTo(3);
    assertThat(results).allSatisfy(r -> assertThat(r.getText().toLowerCase()).contains("the"));
    assertNoHorizontalScroll(width);
    browser.screenshot("find");
    assertThat(browser.axe("find")).isEmpty();

    WebElement result = results.stream().filter(r -> !r.findElements(By.cssSelector(".btn-add")).isEmpty()).findFirst().orElseThrow();
    String title = result.findElement(By.cssSelector(".comic-title")).getText();
    long comicId = Long.parseLong(result.getAttribute("data-comic-id"));
    result.findElement(By.cssSelector(".btn-add")).click();
    browser.waitFor(d -> result.findElements(By.cssSelector(".in-favorites")).isEmpty() ? null : true);

    browser.find("a[data-route='favorites']").click();
    browser.waitFor(d -> browser.findAll("#favorites-body .comic-card[data-comic-id]").isEmpty() ? null : true);
    WebElement newest = browser.findAll("#favorites-body .comic-card[data-comic-id]").get(0);
    assertThat(newest.getAttribute("data-comic-id")).isEqualTo(Long.toString(comicId));
    assertThat(newest.findElement(By.cssSelector(".comic-title")).getText()).isEqualTo(title);
    assertThat(newest.findElement(By.cssSelector("img.cover")).getAttribute("alt")).isEqualTo("Cover of " + title);
    assertNoHorizontalScroll(width);
    browser.screenshot("favorites");
    assertThat(browser.axe("favorites")).isEmpty();
  }

  @Order(3)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void addAComic_withACoverUpload_showsTheNewCover(int width) throws Exception {
    long user = reader(width);
    String token = gateway.signedRequest(user);
    browser.viewport(width);
    browser.open(gateway.widget(token, "add"));

    // The API's validation, from its problem+json, shown at each field.
    browser.visible("#add-submit").click();
    browser.visible("#add-year-error");
    assertThat(browser.find("#add-title-error").getText()).isEqualTo("Title is required.");
    assertThat(browser.find("#add-publisher-error").getText()).isEqualTo("Publisher is required.");
    assertThat(browser.find("#add-year-error").getText()).isEqualTo("Year is required.");
    assertThat(browser.find("#add-title-input").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.focused().getAttribute("id")).isEqualTo("add-title-input");
    browser.screenshot("add-errors");
    assertThat(browser.axe("add-errors")).isEmpty();

    // Checked in the browser before any upload: a text file is no cover.
    Path text = FILES.resolve("notes.txt");
    Files.writeString(text, "not an image");
    browser.find("#add-cover").sendKeys(text.toAbsolutePath().toString());
    assertThat(browser.visible("#add-cover-error").getText()).contains("is not a JPEG, PNG, WebP or GIF image");

    String title = "Widget Test " + width + " " + UUID.randomUUID().toString().substring(0, 8);
    browser.find("#add-title-input").sendKeys(title);
    browser.find("#add-publisher").sendKeys("Selenium Press");
    browser.find("#add-year").sendKeys("2024");
    Path png = testCover(width);
    browser.find("#add-cover").sendKeys(png.toAbsolutePath().toString());
    browser.visible("#add-cover-preview img");
    assertThat(browser.find("#add-cover-error").isDisplayed()).isFalse();

    // A slow uplink, so the progress bar is seen between 0 and 100 %.
    browser.network(false, 0, 200 * 1024);
    List<Integer> seen = new ArrayList<>();
    try {
      browser.find("#add-submit").click();
      browser.waitFor(d -> {
        WebElement bar = browser.find("#add-progress-bar");
        if (bar.isDisplayed()) {
          seen.add(Integer.parseInt(bar.getAttribute("value")));
        }
        return seen.stream().anyMatch(v -> v > 0 && v < 100) ? true : null;
      });
      browser.screenshot("add-uploading");
    } finally {
      browser.normalNetwork();
    }
    WebElement cover = browser.visible("#add-result img.cover");
    browser.waitFor(d -> Boolean.TRUE.equals(browser.script(
        "return arguments[0].complete && arguments[0].naturalWidth === 300;", cover)) ? true : null);
    assertThat(cover.getAttribute("alt")).isEqualTo("Cover of " + title);
    assertThat(cover.getAttribute("src")).startsWith(gateway.s3Endpoint() + "/comic-shelf-local/public/covers/");
    assertThat(browser.find("#add-result .result-title").getText()).isEqualTo("Added “" + title + "”");
    assertThat(browser.focused().getAttribute("id")).isEqualTo("add-result");
    // The PUT went to another origin (the S3 server), through its CORS preflight.
    assertThat(URI.create(cover.getAttribute("src")).getPort()).isNotEqualTo(URI.create(gateway.origin()).getPort());

    JsonNode found = get(token, "/comics?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8)).path("items").get(0);
    assertThat(found.path("title").asText()).isEqualTo(title);
    assertThat(found.path("coverUrl").asText()).isEqualTo(cover.getAttribute("src"));
    // POST /comics and POST /me/uploads each carried a fresh UUID as Idempotency-Key.
    assertThat(idempotencyKeys(user)).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(key -> assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    assertNoHorizontalScroll(width);
    browser.screenshot("add");
    assertThat(browser.axe("add")).isEmpty();

    // The new comic can go on my shelf straight away.
    browser.find("#add-result .btn-add").click();
    browser.visible("#add-result .in-favorites");
    assertThat(favoriteIds(token)).contains(found.path("id").asLong());
  }

  @Order(4)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void removeAFavorite_andUndo(int width) throws Exception {
    String token = gateway.signedRequest(reader(width));
    browser.viewport(width);
    browser.open(gateway.widget(token, "favorites"));

    browser.waitFor(d -> browser.findAll("#favorites-body .comic-card[data-comic-id]").isEmpty() ? null : true);
    WebElement first = browser.findAll("#favorites-body .comic-card[data-comic-id]").get(0);
    String title = first.findElement(By.cssSelector(".comic-title")).getText();
    long comicId = Long.parseLong(first.getAttribute("data-comic-id"));
    first.findElement(By.cssSelector(".btn-remove")).click();

    WebElement removed = browser.visible("#favorites-body li.removed[data-comic-id='" + comicId + "']");
    assertThat(removed.getText()).startsWith("Removed " + title + ".");
    assertThat(browser.focused().getText()).startsWith("Undo");
    assertThat(favoriteIds(token)).doesNotContain(comicId);
    browser.screenshot("favorites-removed");
    assertThat(browser.axe("favorites-removed")).isEmpty();

    browser.focused().click();
    WebElement back = browser.visible("#favorites-body li.comic-card:not(.removed)[data-comic-id='" + comicId + "']");
    assertThat(back.findElement(By.cssSelector(".comic-title")).getText()).isEqualTo(title);
    assertThat(browser.focused().getAttribute("class")).contains("btn-remove");
    assertThat(favoriteIds(token)).contains(comicId);

    browser.driver.navigate().refresh();
    browser.visible("#favorites-body li.comic-card[data-comic-id='" + comicId + "']");
  }

  @Order(5)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void friendsSync_showsFriendsAddedAndRemoved(int width) throws Exception {
    String token = gateway.signedRequest(reader(width));
    browser.viewport(width);
    browser.open(gateway.widget(token, "friends"));
    browser.waitFor(d -> browser.findAll("#friends-body .friend-list li").isEmpty() ? null : true);

    browser.find("#friends-sync").click();
    browser.waitFor(d -> browser.findAll("#friends-sync-result .figure").size() == 3 ? true : null);
    Map<String, Integer> figures = new java.util.LinkedHashMap<>();
    for (WebElement figure : browser.findAll("#friends-sync-result .figure")) {
      figures.put(figure.findElement(By.tagName("dt")).getText(), Integer.parseInt(figure.findElement(By.tagName("dd")).getText()));
    }
    assertThat(figures.keySet()).containsExactly("Friends", "Added", "Removed");
    assertThat(figures.get("Friends")).isEqualTo(friendCount(token));
    // The demo reader's five newest friends were left for a sync to find; the demo friend's were all there.
    assertThat(figures.get("Added")).isEqualTo(width == 1200 ? 5 : 0);
    assertThat(figures.get("Removed")).isZero();
    assertThat(browser.find("#friends-sync-result .sync-summary").getText())
        .startsWith("Synced: " + figures.get("Friends") + " friends on Comic Shelf, ")
        .contains(width == 1200 ? "5 added and 0 removed since the last sync" : "nothing changed since the last sync");
    browser.waitFor(d -> browser.findAll("#friends-body .friend-list li").size() >= Math.min(50, figures.get("Friends")) ? true : null);
    assertNoHorizontalScroll(width);
    browser.screenshot("friends");
    assertThat(browser.axe("friends")).isEmpty();
  }

  // --- states ------------------------------------------------------------------------------------

  @Order(6)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void emptyShelf_saysWhatToDoNext(int width) {
    String token = gateway.signedRequest(NEWCOMER + width);
    browser.viewport(width);
    browser.open(gateway.widget(token, "popular"));

    WebElement empty = browser.visible("#popular-body .empty-state");
    assertThat(empty.getText()).contains("No friends here yet").contains("Sync your friends");
    browser.screenshot("popular-empty");
    assertThat(browser.axe("popular-empty")).isEmpty();
    empty.findElement(By.tagName("button")).click();
    browser.visible("#screen-friends");
    browser.waitFor(d -> "friends-title".equals(browser.focused().getAttribute("id")) ? true : null);

    browser.find("a[data-route='favorites']").click();
    assertThat(browser.visible("#favorites-body .empty-state").getText()).contains("No favorites yet").contains("Find a comic");
    browser.screenshot("favorites-empty");
    assertThat(browser.axe("favorites-empty")).isEmpty();

    browser.find("a[data-route='find']").click();
    browser.visible("#find-q").sendKeys("zzqx");
    WebElement none = browser.visible("#find-body .empty-state");
    assertThat(browser.find("#find-status").getText()).isEqualTo("No comic matches “zzqx”.");
    browser.screenshot("find-empty");
    assertThat(browser.axe("find-empty")).isEmpty();
    none.findElement(By.tagName("button")).click();
    browser.visible("#screen-add");
    browser.waitFor(d -> "zzqx".equals(browser.find("#add-title-input").getAttribute("value")) ? true : null);
  }

  @Order(7)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void loadingAndFailures_showSkeletons_problemDetails_aRetry_andSignInAgain(int width) throws Exception {
    String token = gateway.signedRequest(reader(width));
    browser.viewport(width);
    browser.open(gateway.widget(token, "popular"));
    browser.visible("#popular-body .comic-card.ranked");

    // Loading: skeleton cards while the list is on its way; they shimmer unless the phone run asks for
    // reduced motion.
    boolean reducedMotion = width < 480;
    browser.reducedMotion(reducedMotion);
    browser.network(false, 1500, -1);
    try {
      browser.find("a[data-route='favorites']").click();
      browser.visible("#favorites-body [data-skeleton] .skeleton");
      assertThat(browser.find("#favorites-body").getAttribute("aria-busy")).isEqualTo("true");
      assertThat(browser.find("#favorites-status").getAttribute("textContent")).isEqualTo("Loading your favorites…");
      assertThat(browser.script("return getComputedStyle(document.querySelector('#favorites-body .skeleton .line')).animationName"))
          .isEqualTo(reducedMotion ? "none" : "shimmer");
      browser.screenshot("loading");
      assertThat(browser.axe("loading")).isEmpty();
    } finally {
      browser.normalNetwork();
      browser.reducedMotion(false);
    }
    browser.visible("#favorites-body .comic-card[data-comic-id]");

    // Offline: the problem in words, and a retry that works once the network is back.
    browser.network(true, 0, -1);
    try {
      browser.find("a[data-route='friends']").click();
      WebElement problem = browser.visible("#friends-body .problem");
      assertThat(problem.getAttribute("role")).isEqualTo("alert");
      assertThat(problem.getText()).contains("Comic Shelf could not be reached. Check your connection, then try again.");
      browser.screenshot("error");
      assertThat(browser.axe("error")).isEmpty();
    } finally {
      browser.normalNetwork();
    }
    browser.find("#friends-body .problem button").click();
    browser.visible("#friends-body .friend-list li");

    // Too many comics this hour: the API's 429 detail and when to come back, never a bare status.
    long limited = NEWCOMER + 10 + width;
    String limitedToken = gateway.signedRequest(limited);
    for (int i = 0; i < 20; i++) {
      post(limitedToken, "/comics", "{\"title\":\"Rate limit filler " + width + "-" + i + "\",\"publisher\":\"Filler\",\"year\":2020}");
    }
    browser.open(gateway.widget(limitedToken, "add"));
    browser.visible("#add-title-input").sendKeys("One too many");
    browser.find("#add-publisher").sendKeys("Filler");
    browser.find("#add-year").sendKeys("2021");
    browser.find("#add-submit").click();
    WebElement tooMany = browser.visible("#add-problem .problem");
    assertThat(tooMany.getText())
        .contains("At most 20 per 60 minutes; try again later.")
        .containsPattern("You can try again in (about \\d+ minutes?|\\d+ seconds?)\\.")
        .doesNotContain("429");
    assertThat(tooMany.findElement(By.tagName("button")).getText()).isEqualTo("Try again");
    browser.screenshot("add-rate-limited");
    assertThat(browser.axe("add-rate-limited")).isEmpty();

    // A refused sign-in: say so, and offer to sign in again.
    browser.open(gateway.widget("bm90LWEtdG9rZW4.eyJ1c2VyX2lkIjoiMSJ9", "popular"));
    WebElement reason = browser.visible("#signin-reason");
    assertThat(reason.getText()).isEqualTo("Your sign-in is no longer accepted (it may have expired). Sign in again to continue.");
    assertThat(browser.focused().getAttribute("id")).isEqualTo("signin-title");
    assertThat(browser.findAll("nav.sections a")).allSatisfy(a -> assertThat(a.isDisplayed()).isFalse());
    browser.screenshot("signin");
    assertThat(browser.axe("signin")).isEmpty();
    browser.find("#signin-token").sendKeys(token, Keys.ENTER);
    browser.visible("#popular-body .comic-card.ranked");
  }

  @Order(8)
  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {1200, 320})
  void keyboardOnly_reachesEveryScreen_withVisibleFocus_andAddsAFavorite(int width) {
    String token = gateway.signedRequest(KEYBOARD_USER + width);
    browser.viewport(width);
    browser.open(gateway.widget(token, "popular"));
    browser.visible("#popular-body .empty-state");
    browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");

    Actions keys = new Actions(browser.driver);
    keys.sendKeys(Keys.TAB).perform();
    assertThat(browser.focused().getText()).isEqualTo("Skip to content");
    assertFocusVisible();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.sendKeys(Keys.TAB).perform();
      order.add(browser.focused().getText());
      assertFocusVisible();
    }
    assertThat(order).containsExactly("Popular with friends", "My favorites", "Find", "Add a comic", "Friends");

    // Back to "Find" and in: focus lands on the screen's heading, then the search field.
    keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    assertThat(browser.focused().getText()).isEqualTo("Find");
    keys.sendKeys(Keys.ENTER).perform();
    browser.waitFor(d -> "find-title".equals(browser.focused().getAttribute("id")) ? true : null);
    keys.sendKeys(Keys.TAB).perform();
    assertThat(browser.focused().getAttribute("id")).isEqualTo("find-q");
    assertFocusVisible();
    keys.sendKeys("Blankets").perform();
    browser.waitFor(d -> browser.find("#find-status").getText().equals("1 comic matches “Blankets”.") ? true : null);
    keys.sendKeys(Keys.TAB).perform(); // the Search button
    assertThat(browser.focused().getText()).isEqualTo("Search");
    keys.sendKeys(Keys.TAB).perform(); // the first result's add button
    assertThat(browser.focused().getAttribute("class")).contains("btn-add");
    assertThat(browser.focused().getAccessibleName()).isEqualTo("Add to my favorites: Blankets");
    assertFocusVisible();
    keys.sendKeys(Keys.ENTER).perform();
    browser.waitFor(d -> String.valueOf(browser.script("return document.activeElement.className")).contains("in-favorites") ? true : null);
    assertThat(browser.focused().getText()).contains("In my favorites");
  }

  @Order(9)
  @Test
  void wideDesktop_laysTheRankingOutInColumns() {
    browser.viewport(1440);
    browser.open(gateway.widget(gateway.signedRequest(DEMO_READER), "popular"));
    browser.waitFor(d -> browser.findAll("#popular-body .comic-card.ranked[data-comic-id]").size() >= 6 ? true : null);

    @SuppressWarnings("unchecked")
    List<Number> lefts = (List<Number>) browser.script(
        "return [...document.querySelectorAll('#popular-body .comic-card')].slice(0, 6).map(c => Math.round(c.getBoundingClientRect().left))");
    assertThat(lefts.stream().map(Number::intValue).distinct().count()).as("columns").isEqualTo(3);
    assertNoHorizontalScroll(1440);
    browser.screenshot("popular");
    assertThat(browser.axe("popular")).isEmpty();
  }

  // --- cross-origin --------------------------------------------------------------------------------

  @Order(10)
  @Test
  void embeddedS3_answersTheWidgetsPreflight_andRefusesOtherOriginsAndMethods() throws Exception {
    URI object = URI.create(gateway.s3Endpoint() + "/comic-shelf-local/incoming/" + DEMO_READER + "/1234567890123456");

    HttpResponse<String> allowed = preflight(object, gateway.origin(), "PUT", "content-type");
    HttpResponse<String> otherOrigin = preflight(object, "https://evil.example", "PUT", "content-type");
    HttpResponse<String> otherMethod = preflight(object, gateway.origin(), "DELETE", null);
    HttpResponse<String> otherHeader = preflight(object, gateway.origin(), "PUT", "content-type, x-evil");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("access-control-allow-origin")).contains(gateway.origin());
    assertThat(allowed.headers().firstValue("access-control-allow-methods")).contains("PUT");
    assertThat(allowed.headers().firstValue("access-control-allow-headers")).contains("content-type");
    assertThat(allowed.headers().firstValue("access-control-expose-headers")).contains("ETag");
    assertThat(allowed.headers().firstValue("access-control-max-age")).contains("3000");
    for (HttpResponse<String> refused : List.of(otherOrigin, otherMethod, otherHeader)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
      assertThat(refused.body()).contains("CORSResponse: This CORS request is not allowed.");
    }
  }

  // --- the demo seed ------------------------------------------------------------------------------

  @Order(11)
  @Test
  void demoSeed_isIdempotent_andPublishesOnlyTheCoversThatAreMissing() throws Exception {
    String demoCovers = "SELECT COUNT(*) FROM comics WHERE created_by = " + DEMO_READER
        + " AND cover_key LIKE 'public/covers/%' AND title NOT LIKE 'Widget Test %'";
    String demoUploads = "SELECT COUNT(*) FROM uploads WHERE uploader_id = " + DEMO_READER + " AND status = 'completed'";
    assertThat(count(demoCovers)).as("demo comics with a cover after the gateway's first start").isEqualTo(31);
    long uploadsBefore = count(demoUploads);

    long again = seedAgain();
    assertThat(count(demoUploads)).as("uploads after seeding again").isEqualTo(uploadsBefore);

    // The S3 folder lost a cover (say, deleted by hand): the next seed publishes that one again, no other.
    String watchmen = query("SELECT cover_key FROM comics WHERE title = 'Watchmen'");
    HttpResponse<Void> deleted = HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.s3Endpoint() + "/comic-shelf-local/" + watchmen)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(deleted.statusCode()).isEqualTo(204);
    long repaired = seedAgain();
    String newKey = query("SELECT cover_key FROM comics WHERE title = 'Watchmen'");
    assertThat(count(demoUploads)).isEqualTo(uploadsBefore + 1);
    assertThat(newKey).isNotEqualTo(watchmen).startsWith("public/covers/");
    HttpResponse<byte[]> png = HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.s3Endpoint() + "/comic-shelf-local/" + newKey)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("content-type")).contains("image/png");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth()).isEqualTo(240);
    System.out.printf("demo seed again: %d ms with every cover in place, %d ms republishing one%n", again, repaired);
  }

  /** Runs the demo seed once more on the suite's database, as a restarted gateway would; its duration. */
  private static long seedAgain() throws Exception {
    try (var sql = gateway.database().newClient()) {
      long started = System.nanoTime();
      InProcessGateway.seedDemoData(sql, Clock.systemUTC(), 40);
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private static long count(String sql) throws Exception {
    return Long.parseLong(query(sql));
  }

  private static String query(String sql) throws Exception {
    try (Connection c = gateway.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  private static HttpResponse<String> preflight(URI uri, String origin, String method, String headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method);
    if (headers != null) {
      request.header("Access-Control-Request-Headers", headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNoHorizontalScroll(int width) {
    Number scrollWidth = (Number) browser.script("return document.documentElement.scrollWidth");
    assertThat(scrollWidth.intValue()).as("page width at %d px", width).isLessThanOrEqualTo(width);
  }

  /** The focused element shows a focus ring: a solid outline at least 2 px wide. */
  private static void assertFocusVisible() {
    String outline = (String) browser.script(
        "const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;");
    assertThat(outline).as("focus outline of %s", browser.focused().getText()).matches("solid [2-9](\\.\\d+)?px");
  }

  /** A 300 × 450 PNG of noise under a title (~400 KB: long enough an upload to watch its progress). */
  private static Path testCover(int width) throws IOException {
    BufferedImage image = new BufferedImage(300, 450, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(width);
    for (int y = 0; y < 450; y++) {
      for (int x = 0; x < 300; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x1b1b1f));
    g.fillRect(0, 180, 300, 90);
    g.setColor(Color.WHITE);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
    g.drawString("TEST " + width, 40, 238);
    g.dispose();
    Path file = FILES.resolve("cover-" + width + ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static List<Long> favoriteIds(String token) throws Exception {
    List<Long> ids = new ArrayList<>();
    get(token, "/me/favorites?limit=100").path("items").forEach(item -> ids.add(item.path("comic").path("id").asLong()));
    return ids;
  }

  private static int friendCount(String token) throws Exception {
    AtomicInteger count = new AtomicInteger();
    String cursor = null;
    do {
      JsonNode page = get(token, "/me/friends?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
      count.addAndGet(page.path("items").size());
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return count.get();
  }

  /** The Idempotency-Keys the API has seen from {@code userId}. */
  private static List<String> idempotencyKeys(long userId) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Connection c = gateway.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM idempotency_keys WHERE id LIKE ?")) {
      s.setString(1, userId + "#%");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1).substring(Long.toString(userId).length() + 1));
        }
      }
    }
    return keys;
  }

  private static JsonNode get(String token, String pathAndQuery) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.api(pathAndQuery)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", pathAndQuery).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void post(String token, String path, String json) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(gateway.api(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
  }
}
