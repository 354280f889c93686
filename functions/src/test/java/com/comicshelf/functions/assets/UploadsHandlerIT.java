package com.comicshelf.functions.assets;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.functions.Services;
import com.comicshelf.functions.catalog.ComicsHandler;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestHttp;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestS3;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upload routes end to end: handler → service → real MariaDB and the in-process S3 server, with
 * the browser's part (PUT to the presigned URL, GET of the cover) played over plain HTTP. After every
 * failure nothing may be under {@code public/}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class UploadsHandlerIT {
  @Parameter SqlAdapter adapter;

  private static final String BUCKET = "uploads-handler-it";
  private static final long ME = 1000000001L;
  private static final long OTHER = 1000000002L;
  private static final int FIVE_MIB = 5 * 1024 * 1024;
  private static TestDatabase db;
  private static TestS3 s3;
  private static SqlClient sql;
  private static UploadsHandler uploads;
  private static ComicsHandler comics;
  private static CoverUrls covers;
  private long comic;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) {
    db = TestDatabase.create("comicshelf_uploads_handler_it");
    s3 = TestS3.shared();
    sql = db.newClient(adapter);
    covers = new CoverUrls(s3.publicBaseUrl(BUCKET));
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    uploads = new UploadsHandler(Services.uploads(sql, clock, s3.store(BUCKET), covers), Services.writeGuard(sql, clock));
    comics = ComicsTestAccess.handler(Services.catalog(sql, clock, covers), Services.writeGuard(sql, clock));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    TestDatabase.close(sql);
  }

  @BeforeEach
  void clean() {
    db.truncateAll();
    s3.freshBucket(BUCKET);
    Fixtures fixtures = new Fixtures(sql);
    fixtures.user(ME, "Me");
    fixtures.user(OTHER, "Other");
    comic = fixtures.comic("Saga", "Image Comics", 2012, ME);
  }

  @AfterEach
  void nothingIsEverPublicUnlessCompleted() {
    long completed =
        sql.queryOne("SELECT COUNT(*) AS n FROM uploads WHERE status = 'completed'", Map.of(), r -> r.getLong("n"))
            .orElseThrow();
    assertThat(s3.keys(BUCKET, "public/")).hasSize((int) completed);
  }

  @Test
  void presignPutComplete_publishesTheSameBytes_andTheComicCarriesItsCoverUrl() {
    byte[] png = TestImages.png(40, 60);

    JsonNode started = assertJson(start("image/png", png.length, comic), 201);
    URI url = URI.create(started.path("url").asText());
    Map<String, String> headers = headers(started);
    HttpResponse<String> put = TestHttp.putWithHeaders(url, headers, png);
    JsonNode done = assertJson(complete(ME, started.path("uploadId").asText()), 200);
    HttpResponse<byte[]> cover = TestHttp.get(URI.create(done.path("coverUrl").asText()));
    JsonNode fetched = assertJson(call(comics, ApiEvents.route("GET /comics/{comicId}").as(ME).path("comicId", comic)), 200);

    long uploadId = started.path("uploadId").asLong();
    assertThat(started.path("method").asText()).isEqualTo("PUT");
    assertThat(url.getPath()).isEqualTo("/" + BUCKET + "/incoming/" + ME + "/" + uploadId);
    assertThat(headers).containsEntry("content-type", "image/png").containsEntry("content-length", Integer.toString(png.length));
    assertThat(started.path("expiresAt").asText()).isEqualTo("2026-11-25T10:05:00Z");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(done.path("uploadId").asLong()).isEqualTo(uploadId);
    assertThat(done.path("comicId").asLong()).isEqualTo(comic);
    assertThat(done.path("contentType").asText()).isEqualTo("image/png");
    assertThat(done.path("contentLength").asLong()).isEqualTo(png.length);
    assertThat(done.path("coverUrl").asText()).isEqualTo(covers.urlOf("public/covers/" + uploadId + ".png"));
    assertThat(cover.statusCode()).isEqualTo(200);
    assertThat(cover.headers().firstValue("content-type")).contains("image/png");
    assertThat(cover.body()).isEqualTo(png);
    assertThat(fetched.path("coverUrl").asText()).isEqualTo(done.path("coverUrl").asText());
    assertThat(s3.keys(BUCKET, "incoming/")).isEmpty();
  }

  @Test
  void completingTwice_answersTheSameAgain() {
    String uploadId = uploadedVia(TestImages.webp(), "image/webp");

    JsonNode first = assertJson(complete(ME, uploadId), 200);
    JsonNode second = assertJson(complete(ME, uploadId), 200);

    assertThat(second).isEqualTo(first);
    assertThat(first.path("coverUrl").asText()).endsWith("/public/covers/" + uploadId + ".webp");
  }

  @Test
  void comicWithoutCover_hasNoCoverUrlInItsJson() {
    JsonNode fetched = assertJson(call(comics, ApiEvents.route("GET /comics/{comicId}").as(ME).path("comicId", comic)), 200);

    assertThat(fetched.has("coverUrl")).isFalse();
  }

  @Test
  void typeThatIsNoAllowedImage_is422_atPresign() {
    assertProblem(start("text/plain", 100, comic), 422, "contentType 'text/plain' is not allowed; allowed: image/jpeg, image/png, image/webp, image/gif");
    assertProblem(start("image/svg+xml", 100, comic), 422, "is not allowed");

    assertThat(rows("uploads")).isZero();
  }

  @Test
  void declaredSizeOverTheCap_is422_atPresign_andZeroToo() {
    assertProblem(start("image/png", FIVE_MIB + 1, comic), 422, "contentLength must be at most 5242880 bytes, got 5242881");
    assertProblem(start("image/png", 0, comic), 422, "contentLength must be at least 1 byte");

    assertThat(rows("uploads")).isZero();
  }

  @Test
  void magicBytesThatLie_are422_atComplete_andTheFileIsDeleted() {
    byte[] text = "just some text, not an image at all".getBytes(StandardCharsets.US_ASCII);
    String textAsPng = uploadedVia(text, "image/png");
    String pngAsJpeg = uploadedVia(TestImages.png(8, 8), "image/jpeg");

    assertProblem(complete(ME, textAsPng), 422, "the file's content is none of image/jpeg, image/png, image/webp, image/gif, not the declared image/png");
    assertProblem(complete(ME, pngAsJpeg), 422, "the file's content is image/png, not the declared image/jpeg");

    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }

  /**
   * S3 itself refuses a body of another size than the signed Content-Length (403). S3Mock does not
   * check signatures, so the tests put the wrong-sized objects with the S3 client directly: that is
   * what completion would find if a client got past the signature.
   */
  @Test
  void fileOfAnotherSizeThanDeclared_is422_atComplete_andTheFileIsDeleted() {
    byte[] png = TestImages.png(30, 30);
    String fewer = startedFor(png.length + 10, "image/png");
    String more = startedFor(png.length - 10, "image/png");
    String overCap = startedFor(FIVE_MIB, "image/png");
    putDirectly(fewer, png);
    putDirectly(more, png);
    putDirectly(overCap, Arrays.copyOf(png, FIVE_MIB + 1));

    assertProblem(complete(ME, fewer), 422, "the file is " + png.length + " bytes but contentLength declared " + (png.length + 10) + " bytes");
    assertProblem(complete(ME, more), 422, "the file is " + png.length + " bytes but contentLength declared " + (png.length - 10) + " bytes");
    assertProblem(complete(ME, overCap), 422, "the file is 5242881 bytes; covers may be at most 5242880 bytes");

    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }

  @Test
  void someoneElsesUploadId_is404_exactlyLikeAnUnknownOne() {
    String mine = uploadedVia(TestImages.png(4, 4), "image/png");

    JsonNode theirs = assertProblem(complete(OTHER, mine), 404, "upload " + mine + " does not exist");
    assertProblem(complete(ME, "4000000000000001"), 404, "upload 4000000000000001 does not exist");
    assertProblem(complete(ME, "not-a-number"), 404, "uploadId must be a positive whole number");

    assertThat(theirs.path("title").asText()).isEqualTo("Not found");
    assertThat(s3.keys(BUCKET, "incoming/")).hasSize(1); // not the caller's to delete
  }

  @Test
  void completeBeforeTheFileWasPut_is409_andTheUploadStaysUsable() {
    byte[] gif = TestImages.gif(7, 7);
    JsonNode started = assertJson(start("image/gif", gif.length, comic), 201);
    String uploadId = started.path("uploadId").asText();

    assertProblem(complete(ME, uploadId), 409, "no file has been uploaded for upload " + uploadId + " yet");
    TestHttp.putWithHeaders(URI.create(started.path("url").asText()), headers(started), gif);
    assertJson(complete(ME, uploadId), 200);
  }

  @Test
  void coverForAComicSomeoneElseAdded_is403_atPresign() {
    assertProblem(
        call(uploads, ApiEvents.route("POST /me/uploads").as(OTHER).body(body("image/png", 100, comic))),
        403,
        "only the person who added comic " + comic + " can set its cover");
    assertProblem(start("image/png", 100, 999), 404, "comic 999 does not exist");
  }

  @Test
  void malformedBodies_are400() {
    assertProblem(call(uploads, ApiEvents.route("POST /me/uploads").as(ME).body("{\"contentType\":\"image/png\",\"contentLength\":1,\"comicId\":1,\"key\":\"public/x\"}")), 400, "unknown field 'key'");
    assertProblem(call(uploads, ApiEvents.route("POST /me/uploads").as(ME).body("{\"contentType\":\"image/png\",\"contentLength\":\"1\",\"comicId\":1}")), 400, "field 'contentLength' has the wrong type");
    assertProblem(call(uploads, ApiEvents.route("POST /me/uploads").as(ME)), 400, "a JSON body is required");
  }

  private String uploadedVia(byte[] file, String declaredType) {
    JsonNode started = assertJson(start(declaredType, file.length, comic), 201);
    assertThat(TestHttp.putWithHeaders(URI.create(started.path("url").asText()), headers(started), file).statusCode())
        .isEqualTo(200);
    return started.path("uploadId").asText();
  }

  private String startedFor(long declaredLength, String declaredType) {
    return assertJson(start(declaredType, declaredLength, comic), 201).path("uploadId").asText();
  }

  private void putDirectly(String uploadId, byte[] bytes) {
    s3.putObject(BUCKET, "incoming/" + ME + "/" + uploadId, "image/png", bytes);
  }

  private APIGatewayV2HTTPResponse start(String contentType, long contentLength, long comicId) {
    return call(uploads, ApiEvents.route("POST /me/uploads").as(ME).body(body(contentType, contentLength, comicId)));
  }

  private APIGatewayV2HTTPResponse complete(long userId, String uploadId) {
    return call(uploads, ApiEvents.route("POST /me/uploads/{uploadId}/complete").as(userId).path("uploadId", uploadId));
  }

  private static String body(String contentType, long contentLength, long comicId) {
    return "{\"contentType\":\"" + contentType + "\",\"contentLength\":" + contentLength + ",\"comicId\":" + comicId + "}";
  }

  private static Map<String, String> headers(JsonNode started) {
    Map<String, String> headers = new HashMap<>();
    started.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    return headers;
  }

  private long rows(String table) {
    return sql.queryOne("SELECT COUNT(*) AS n FROM " + table, Map.of(), r -> r.getLong("n")).orElseThrow();
  }

  private static APIGatewayV2HTTPResponse call(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, ApiEvents event) {
    return handler.handleRequest(event.build(), new TestContext("uploads"));
  }
}
