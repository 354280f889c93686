package com.comicshelf.local;

import com.comicshelf.contract.ContractLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local gateway in a JVM of its own, started as a developer starts it (the same main class and
 * options) with the test classpath: each handler reads its configuration once per JVM, so gateways
 * with other settings cannot share the test's. Its output goes to a log file under {@code target/}.
 *
 * <p>When this JVM checks exchanges against openapi.yaml (the build sets {@code comicshelf.openapi.validate}
 * for the local module's tests), so does the child, printing a line per checked exchange and per
 * mismatch; those lines are read into this JVM's {@link ContractLedger}, so a mismatch in the child
 * fails the test that made it, as one in-process would.
 */
final class GatewayProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("Comic Shelf local gateway on (http://localhost:\\d+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI baseUri;
  private final Path log;
  private final Thread pump;

  private GatewayProcess(Process process, URI baseUri, Path log, Thread pump) {
    this.process = process;
    this.baseUri = baseUri;
    this.log = log;
    this.pump = pump;
  }

  /** Starts {@code java ... LocalGateway args} and waits until it serves (or fails to start). */
  static GatewayProcess start(String name, Duration startTimeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    String openApi = System.getProperty(OpenApiGatewayCheck.VALIDATE_PROPERTY);
    if (openApi != null && !openApi.isBlank()) {
      command.add("-D" + OpenApiGatewayCheck.VALIDATE_PROPERTY + "=" + openApi);
      command.add("-D" + OpenApiGatewayCheck.TRACE_PROPERTY + "=true");
    }
    command.add(LocalGateway.class.getName());
    command.addAll(List.of(args));
    Path log = Path.of("target", "gateway-" + name + ".log").toAbsolutePath();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<URI> ready = new CompletableFuture<>();
      Thread pump = new Thread(() -> pump(process, log, ready), "gateway-output-" + name);
      pump.setDaemon(true);
      pump.start();
      URI base = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new GatewayProcess(process, base, log, pump);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the gateway did not start in " + startTimeout + "; see " + log, e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<URI> ready) {
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var writer = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        writer.flush();
        Matcher m = READY.matcher(line);
        if (m.find()) {
          ready.complete(URI.create(m.group(1)));
        }
        record(line);
      }
      ready.completeExceptionally(new IllegalStateException("the gateway exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      ready.completeExceptionally(e);
    }
  }

  /** A line of the child's output that reports an OpenAPI check, moved into this JVM's ledger. */
  static void record(String line) {
    int checked = line.indexOf(OpenApiGatewayCheck.CHECKED);
    if (checked >= 0) {
      ContractLedger.checked(line.startsWith("response+request", checked + OpenApiGatewayCheck.CHECKED.length()));
      return;
    }
    int mismatch = line.indexOf(OpenApiGatewayCheck.MISMATCH);
    if (mismatch >= 0) {
      String json = line.substring(mismatch + OpenApiGatewayCheck.MISMATCH.length());
      String text;
      try {
        text = JSON.readValue(json, String.class);
      } catch (IOException e) {
        text = json;
      }
      ContractLedger.mismatch("gateway process: " + text);
    }
  }

  URI baseUri() {
    return baseUri;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /** Ends the process at once, as {@code kill -9} does: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      // Its last lines (OpenAPI checks among them) are read before the test goes on.
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }
}
