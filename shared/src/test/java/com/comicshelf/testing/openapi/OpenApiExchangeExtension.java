package com.comicshelf.testing.openapi;

import com.comicshelf.contract.ContractLedger;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails every JUnit Jupiter test that sent or received an exchange outside {@code openapi.yaml}, listing
 * each mismatch. Registered for every test class of the modules using shared's test-jar by JUnit's
 * extension auto-detection ({@code junit-platform.properties} and {@code META-INF/services}), so no test
 * opts in or can forget to.
 *
 * <p>It installs {@link OpenApiHarness} (handlers called directly) and claims whatever the {@link
 * ContractLedger} holds: mismatches found by the harness, by an in-process local gateway running with
 * {@code --validate-openapi}, or read from a gateway process's output. Tests of a JVM run one after
 * another, so what is in the ledger after a test is that test's; what is there before one came from its
 * class's set-up ({@code @BeforeAll}) and fails the first test, saying so; what arrives after the last
 * test fails the class.
 */
public final class OpenApiExchangeExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    OpenApiHarness.install();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    failIfAny(ContractLedger.drain(),
        "exchanges made before this test (while its class was set up, in @BeforeAll, or late output of an earlier"
            + " class's gateway process)");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failIfAny(ContractLedger.drain(), "exchanges this test made");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failIfAny(ContractLedger.drain(), "exchanges made after the last test of the class (@AfterAll, or a gateway process's late output)");
  }

  static void failIfAny(List<String> mismatches, String whose) {
    if (!mismatches.isEmpty()) {
      throw new AssertionError(report(mismatches, whose));
    }
  }

  /** Every mismatch, the same ones counted once, so a systematic one does not bury the rest. */
  static String report(List<String> mismatches, String whose) {
    java.util.Map<String, Integer> counted = new java.util.LinkedHashMap<>();
    mismatches.forEach(m -> counted.merge(m, 1, Integer::sum));
    StringBuilder out = new StringBuilder()
        .append(mismatches.size()).append(" of the ").append(whose)
        .append(" do not match openapi.yaml (fix the handler, or the contract if it was incomplete):");
    counted.forEach((mismatch, times) -> out.append("\n  - ").append(times > 1 ? times + "x " : "").append(mismatch));
    return out.toString();
  }
}
