package com.comicshelf.sql.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.mysql.MySQLParser;

/**
 * One versioned migration ({@code V<version>__<description>.sql}) on the classpath, with the
 * description, checksum and statements Flyway itself derives from it: Flyway's MySQL parser splits the
 * statements and Flyway's checksum calculator sums the file, so a history written from these is the
 * one Flyway writes.
 */
record MigrationScript(MigrationVersion version, String description, String script, LoadableResource resource) {
  static final String LOCATION = "db/migration";
  private static final Pattern NAME = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");

  int checksum() {
    return ChecksumCalculator.calculate(resource);
  }

  List<String> statements() {
    List<String> statements = new ArrayList<>();
    MySQLParser parser = new MySQLParser(new FluentConfiguration(), new ParsingContext());
    try (SqlStatementIterator it = parser.parse(resource)) {
      it.forEachRemaining(statement -> statements.add(statement.getSql()));
    }
    return statements;
  }

  /** Every versioned migration under {@code db/migration}, oldest first. */
  static List<MigrationScript> onClasspath(ClassLoader loader) {
    List<MigrationScript> scripts = new ArrayList<>();
    Location location = new Location("classpath:" + LOCATION);
    for (String fileName : fileNames(loader)) {
      Matcher m = NAME.matcher(fileName);
      if (m.matches()) {
        scripts.add(
            new MigrationScript(
                MigrationVersion.fromVersion(m.group(1).replace('_', '.')),
                m.group(2).replace('_', ' '),
                fileName,
                new ClassPathResource(location, LOCATION + "/" + fileName, loader, StandardCharsets.UTF_8)));
      }
    }
    scripts.sort(Comparator.comparing(MigrationScript::version));
    return scripts;
  }

  /** The file names in the migration folder, from a directory (tests) or the function's jar. */
  private static List<String> fileNames(ClassLoader loader) {
    URL folder = loader.getResource(LOCATION);
    if (folder == null) {
      throw new IllegalStateException("no " + LOCATION + " on the classpath");
    }
    try {
      if (folder.getProtocol().equals("jar")) {
        List<String> names = new ArrayList<>();
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0) {
              names.add(name.substring(LOCATION.length() + 1));
            }
          }
        }
        return names;
      }
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        return files.map(p -> p.getFileName().toString()).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot list " + folder, e);
    }
  }
}
