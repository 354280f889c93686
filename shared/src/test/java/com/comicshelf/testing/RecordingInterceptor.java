package com.comicshelf.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS API call any SDK client in the test JVM makes, as IAM names them ({@code
 * rds-data:ExecuteStatement}), so tests can check that what the code calls is what the template
 * allows. Registered for all clients through the SDK's {@code execution.interceptors} resource.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
  private static final Map<String, String> IAM_PREFIX =
      Map.of("RdsData", "rds-data", "SecretsManager", "secretsmanager", "S3", "s3", "DynamoDb", "dynamodb");
  private static final List<String> CALLS = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    CALLS.add(IAM_PREFIX.getOrDefault(service, service) + ":" + operation);
  }

  /** The calls made so far, in order. */
  public static List<String> calls() {
    return List.copyOf(CALLS);
  }

  /** The calls made after position {@code from} of {@link #calls()}. */
  public static List<String> callsSince(int from) {
    List<String> all = calls();
    return all.subList(Math.min(from, all.size()), all.size());
  }
}
