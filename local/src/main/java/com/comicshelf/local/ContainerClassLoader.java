package com.comicshelf.local;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the project's classes afresh for one function container, so its statics (the Dagger graph
 * built once per container, its database connection, its SDK clients, its priming hooks) are its own,
 * as in a Lambda container; libraries and the gateway's own classes come from the gateway's loader.
 */
final class ContainerClassLoader extends URLClassLoader {
  private static final String PROJECT = "com.comicshelf.";
  private static final String GATEWAY = "com.comicshelf.local.";

  ContainerClassLoader(String name, URL[] projectClasses, ClassLoader parent) {
    super(name, projectClasses, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PROJECT) || name.startsWith(GATEWAY)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        try {
          type = findClass(name);
        } catch (ClassNotFoundException notInTheProjectsJars) {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  static {
    registerAsParallelCapable();
  }
}
