package com.comicshelf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain packages know nothing of Lambda, the AWS SDK or JDBC: only adapters ({@code sql.jdbc},
 * {@code s3}, {@code http}, {@code di}) may import them.
 */
class DomainBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java/com/comicshelf");
  private static final List<String> DOMAIN =
      List.of("assets", "auth", "catalog", "common", "config", "favorites", "friends", "sql", "users");
  private static final List<String> FORBIDDEN =
      List.of("import software.amazon", "import com.amazonaws", "import java.sql", "import javax.sql");

  @Test
  void domainPackages_importNoAwsOrJdbcTypes() throws IOException {
    List<Path> domainFiles;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      domainFiles =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> DOMAIN.contains(SOURCES.relativize(p).getName(0).toString()))
              // sql/jdbc is the JDBC adapter; the sql package itself is the port.
              .filter(p -> !SOURCES.relativize(p).startsWith("sql/jdbc"))
              .toList();
    }
    assertThat(domainFiles).hasSizeGreaterThan(10);
    for (Path file : domainFiles) {
      String source = Files.readString(file);
      for (String forbidden : FORBIDDEN) {
        assertThat(source).as("%s must not %s", file, forbidden).doesNotContain(forbidden);
      }
    }
  }
}
