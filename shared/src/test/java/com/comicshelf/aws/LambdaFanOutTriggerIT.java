package com.comicshelf.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.comicshelf.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The favorites functions' wake-up of the fan-out function against moto's Lambda (a real Lambda API,
 * which queues an asynchronous invocation without running it here): the call Lambda accepts; and a
 * Lambda API that cannot be reached, whose failure stays out of the request.
 */
class LambdaFanOutTriggerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static MotoServer moto;

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void createFunction() throws Exception {
    moto = MotoServer.shared();
    // moto would run the function in Docker; without it, an invocation is accepted and recorded only.
    post("/moto-api/config", "application/json", "{\"lambda\": {\"use_docker\": false}}");
    String role = "fan-out-role";
    post(
        "/",
        "application/x-www-form-urlencoded",
        "Action=CreateRole&Version=2010-05-08&RoleName=" + role + "&AssumeRolePolicyDocument="
            + URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[]}", StandardCharsets.UTF_8));
    byte[] code = emptyJar();
    try (LambdaClient lambda = moto.configure(LambdaClient.builder()).build()) {
      lambda.createFunction(
          b -> b.functionName("FanOutFunction")
              .runtime(Runtime.JAVA21)
              .role("arn:aws:iam::123456789012:role/" + role)
              .handler("com.comicshelf.functions.fanout.FanOutHandler::handleRequest")
              .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
    }
  }

  @Test
  void wakesTheFunctionWithAnAsynchronousInvocation() {
    try (LambdaClient lambda = recordingClient()) {
      new LambdaFanOutTrigger(lambda, "FanOutFunction").likesRecorded();
    }

    assertThat(calls).containsExactly("POST /2015-03-31/functions/FanOutFunction/invocations Event -> 202");
  }

  @Test
  void anUnreachableLambdaApi_doesNotFailTheRequestThatRecordedTheLike() {
    try (LambdaClient lambda =
        LambdaClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1)
            .credentialsProvider(moto.credentials())
            .httpClient(AwsClients.httpClient(Duration.ofMillis(500), Duration.ofSeconds(1)))
            .build()) {
      assertThatCode(() -> new LambdaFanOutTrigger(lambda, "FanOutFunction").likesRecorded()).doesNotThrowAnyException();
    }
  }

  /** A client like the production one, which notes each call: method, path, invocation type, status. */
  private LambdaClient recordingClient() {
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            var request = context.httpRequest();
            calls.add(
                request.method() + " " + request.encodedPath() + " "
                    + request.firstMatchingHeader("X-Amz-Invocation-Type").orElse("-") + " -> "
                    + context.httpResponse().statusCode());
          }
        };
    return moto.configure(LambdaClient.builder())
        .httpClient(AwsClients.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(5)))
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
        .build();
  }

  private static byte[] emptyJar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void post(String path, String contentType, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(moto.endpoint().resolve(path))
                .header("Content-Type", contentType)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261126/us-east-1/iam/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isLessThan(300);
  }
}
