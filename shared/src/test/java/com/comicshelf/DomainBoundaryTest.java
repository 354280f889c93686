package com.comicshelf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain packages know nothing of Lambda, the AWS SDK or JDBC: only the adapters listed in {@link
 * #ADAPTERS} may import them. Every other package is domain, so a new one is checked without anyone
 * remembering to add it.
 */
class DomainBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java/com/comicshelf");
  /**
   * Adapters and wiring, relative to {@code com/comicshelf}: JDBC, Data API, S3, AWS clients, DynamoDB, HTTP
   * events, Dagger, and the request log's CloudWatch Embedded Metric Format writer.
   */
  private static final List<String> ADAPTERS =
      List.of(
          "sql/jdbc", "sql/dataapi", "s3", "aws", "secrets", "dynamodb", "http", "di",
          "observability/RequestLog.java");
  private static final List<String> FORBIDDEN =
      List.of("import software.amazon", "import com.amazonaws", "import java.sql", "import javax.sql");

  @Test
  void domainPackages_importNoAwsOrJdbcTypes() throws IOException {
    List<Path> domainFiles;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      domainFiles =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> ADAPTERS.stream().noneMatch(a -> SOURCES.relativize(p).startsWith(a)))
              .toList();
    }
    assertThat(domainFiles)
        .hasSizeGreaterThan(40)
        .anyMatch(p -> p.toString().contains("/ranking/"))
        .anyMatch(p -> p.toString().contains("/graph/"));
    for (Path file : domainFiles) {
      String source = Files.readString(file);
      for (String forbidden : FORBIDDEN) {
        assertThat(source).as("%s must not %s", file, forbidden).doesNotContain(forbidden);
      }
    }
  }
}
