package com.comicshelf.sql;

import java.util.HashMap;
import java.util.Map;

/** Builds a parameter map that, unlike {@code Map.of}, accepts null values. */
public final class Params {
  private final Map<String, Object> values = new HashMap<>();

  private Params() {}

  public static Params with(String name, Object value) {
    return new Params().and(name, value);
  }

  public Params and(String name, Object value) {
    values.put(name, value);
    return this;
  }

  public Map<String, Object> map() {
    return values;
  }
}
