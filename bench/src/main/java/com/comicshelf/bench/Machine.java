package com.comicshelf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Where the run happened: CPU, cores, memory, JVM, database server and its buffer pool.
 *
 * @param cpu CPU model name
 * @param cores logical processors available to the JVM
 * @param memoryGib physical memory
 * @param java JVM version and vendor
 * @param os operating system
 * @param serverVersion database server version
 * @param bufferPoolMib InnoDB buffer pool size
 */
record Machine(String cpu, int cores, double memoryGib, String java, String os, String serverVersion, long bufferPoolMib) {

  static Machine describe(Connection server) throws SQLException {
    String version;
    long pool;
    try (Statement st = server.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size")) {
      rs.next();
      version = rs.getString(1);
      pool = rs.getLong(2) >> 20;
    }
    return new Machine(
        procValue("/proc/cpuinfo", "model name"),
        Runtime.getRuntime().availableProcessors(),
        readMemoryGib(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        version,
        pool);
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "machine: %s, %d cores, %.0f GiB RAM; %s; %s; MariaDB/MySQL %s, InnoDB buffer pool %,d MiB",
        cpu,
        cores,
        memoryGib,
        os,
        java,
        serverVersion,
        bufferPoolMib);
  }

  private static String procValue(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static double readMemoryGib() {
    String total = procValue("/proc/meminfo", "MemTotal");
    try {
      return Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
    } catch (NumberFormatException e) {
      return Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0 / 1024.0;
    }
  }
}
