package com.comicshelf.testing.openapi;

import com.comicshelf.contract.ContractLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a module's tests are done, how many exchanges were checked against {@code openapi.yaml}
 * and how many did not match (each mismatch has failed its test already), and writes the same line to
 * {@code target/openapi-summary.txt}. Registered with the JUnit Platform by service loading, so it sees
 * Jupiter's tests and jqwik's properties alike.
 */
public final class OpenApiSummary implements TestExecutionListener {

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    String summary = ContractLedger.summary();
    System.out.println(summary);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      try {
        Files.writeString(target.resolve("openapi-summary.txt"), summary + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
