package com.comicshelf.sql;

import java.util.Collection;
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

  /**
   * The placeholders of an {@code IN (...)} list: puts the values into {@code params} as {@code name0},
   * {@code name1}, ... and returns {@code ":name0, :name1, ..."} (empty for no values), since neither
   * JDBC nor the Data API binds a list to one parameter.
   */
  public static String inList(String name, Collection<?> values, Map<String, Object> params) {
    StringBuilder in = new StringBuilder();
    int i = 0;
    for (Object value : values) {
      in.append(i == 0 ? ":" : ", :").append(name).append(i);
      params.put(name + i, value);
      i++;
    }
    return in.toString();
  }
}
