package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayOptionsTest {
  private static final Path USER_HOME = Path.of("/home/reader");

  @Test
  void noArguments_meanEmbeddedMariaDbOnDefaultPorts_underTheUsersHome() {
    GatewayOptions options = GatewayOptions.parse(new String[] {}, USER_HOME);

    assertThat(options.port()).isEqualTo(3000);
    assertThat(options.dbPort()).isEqualTo(3307);
    assertThat(options.home()).isEqualTo(USER_HOME.resolve(".comic-shelf"));
    assertThat(options.jdbcUrl()).isEmpty();
    assertThat(options.template()).isEmpty();
  }

  @Test
  void everyOption_isRead() {
    GatewayOptions options = GatewayOptions.parse(new String[] {
        "--port", "0", "--template", "t.yaml", "--home", "/data", "--db-port", "3310",
        "--jdbc-url", "jdbc:mariadb://db/x", "--db-user", "u", "--db-password", "p"}, USER_HOME);

    assertThat(options.port()).isZero();
    assertThat(options.template()).isEqualTo(Optional.of(Path.of("t.yaml")));
    assertThat(options.home()).isEqualTo(Path.of("/data"));
    assertThat(options.dbPort()).isEqualTo(3310);
    assertThat(options.jdbcUrl()).contains("jdbc:mariadb://db/x");
    assertThat(options.dbUser()).isEqualTo("u");
    assertThat(options.dbPassword()).isEqualTo("p");
    assertThat(options.toString()).doesNotContain("p]").doesNotContain("dbPassword");
  }

  @Test
  void unknownOption_missingValue_orBadPort_areUsageErrors() {
    assertThatThrownBy(() -> GatewayOptions.parse(new String[] {"--nope"}, USER_HOME)).hasMessageContaining("--nope");
    assertThatThrownBy(() -> GatewayOptions.parse(new String[] {"--port"}, USER_HOME)).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> GatewayOptions.parse(new String[] {"--port", "70000"}, USER_HOME)).hasMessageContaining("port number");
  }
}
