package com.comicshelf.testing.openapi;

import com.comicshelf.contract.ContractLedger;
import java.util.List;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * {@link OpenApiExchangeExtension} for jqwik's properties and examples, which JUnit Jupiter's
 * extensions do not reach; registered for every property by jqwik's own service loading
 * ({@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}).
 *
 * <p>A try whose exchanges do not match {@code openapi.yaml} is falsified, so jqwik reports the sample
 * that made the mismatch (and shrinks it). Mismatches already in the ledger when a property starts come
 * from its container's set-up ({@code @BeforeContainer}) and fail the property, saying so.
 */
public final class OpenApiJqwikHook implements AroundPropertyHook, AroundTryHook {

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    OpenApiHarness.install();
    List<String> before = ContractLedger.drain();
    PropertyExecutionResult result = property.execute();
    List<String> after = ContractLedger.drain();
    if (!before.isEmpty()) {
      return result.mapToFailed(new AssertionError(OpenApiExchangeExtension.report(
          before, "exchanges made before this property (while its container was set up, in @BeforeContainer)")));
    }
    if (!after.isEmpty() && result.status() == PropertyExecutionResult.Status.SUCCESSFUL) {
      return result.mapToFailed(new AssertionError(OpenApiExchangeExtension.report(after, "exchanges this property made")));
    }
    return result;
  }

  @Override
  public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
    TryExecutionResult result = aTry.execute(parameters);
    List<String> mismatches = ContractLedger.drain();
    if (mismatches.isEmpty()) {
      return result;
    }
    AssertionError failure = new AssertionError(OpenApiExchangeExtension.report(mismatches, "exchanges this try made"));
    result.throwable().ifPresent(failure::addSuppressed);
    return TryExecutionResult.falsified(failure);
  }
}
