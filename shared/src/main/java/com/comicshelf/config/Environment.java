package com.comicshelf.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;

/**
 * Where a function's settings come from, read once at container start. Each read says what kind of
 * setting it is, and is remembered, so a test can check {@code template.yaml} against what each
 * function really reads:
 *
 * <ul>
 *   <li>{@link #requiredInAws}: must be set in AWS; its default only fits a developer machine;
 *   <li>{@link #optional}: an override with a default that is right in AWS too;
 *   <li>{@link #localOnly}: plaintext secrets and the like, which no deployed function may carry.
 * </ul>
 *
 * <p>In Lambda the source is the process environment. The local gateway hosts every handler in one JVM
 * and cannot change its environment, so system properties are read first.
 */
public final class Environment {
  private final UnaryOperator<String> lookup;
  private final Set<String> requiredInAws = new ConcurrentSkipListSet<>();
  private final Set<String> optional = new ConcurrentSkipListSet<>();
  private final Set<String> localOnly = new ConcurrentSkipListSet<>();

  private Environment(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  /** System properties, then the process environment. */
  public static Environment system() {
    return new Environment(
        name -> {
          String property = System.getProperty(name);
          return property != null ? property : System.getenv(name);
        });
  }

  /** Exactly {@code values}: for tests. */
  public static Environment of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new Environment(copy::get);
  }

  /** A setting AWS must provide; {@code localDefault} (may be null) applies only where it is unset. */
  public String requiredInAws(String name, String localDefault) {
    requiredInAws.add(name);
    return read(name).orElse(localDefault);
  }

  /** An override; absent means the caller's default, which is right everywhere. */
  public Optional<String> optional(String name) {
    optional.add(name);
    return read(name);
  }

  /** A setting only a developer machine may use (e.g. a plaintext secret). */
  public Optional<String> localOnly(String name) {
    localOnly.add(name);
    return read(name);
  }

  /** A whole number from {@link #optional}, or {@code fallback}. */
  public long optionalLong(String name, long fallback) {
    return optional(name).map(value -> parseLong(name, value)).orElse(fallback);
  }

  static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  private Optional<String> read(String name) {
    String value = lookup.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Names read with {@link #requiredInAws} so far. */
  public Set<String> requiredInAwsNames() {
    return Collections.unmodifiableSet(new TreeSet<>(requiredInAws));
  }

  /** Names read with {@link #optional} so far. */
  public Set<String> optionalNames() {
    return Collections.unmodifiableSet(new TreeSet<>(optional));
  }

  /** Names read with {@link #localOnly} so far. */
  public Set<String> localOnlyNames() {
    return Collections.unmodifiableSet(new TreeSet<>(localOnly));
  }
}
