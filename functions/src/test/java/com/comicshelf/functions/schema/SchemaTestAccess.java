package com.comicshelf.functions.schema;

import com.comicshelf.config.Environment;

/** Lets tests in other packages build the migration function's graph. */
public final class SchemaTestAccess {
  private SchemaTestAccess() {}

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerMigrateComponent.factory().create(environment).databaseSettings();
  }
}
