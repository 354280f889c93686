package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.auth.InvalidSignedRequestException;
import com.comicshelf.auth.SignedRequestVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @Test
  void token_isSignedWithTheLocalDevSecret_byDefault() {
    String token = TokenCommand.run(new String[] {"42"}, Map.of(), clock);

    var verified = new SignedRequestVerifier(LocalSettings.DEV_SECRET, Duration.ofHours(1), clock).verify(token);
    assertThat(verified.userId()).isEqualTo(42);
    assertThat(verified.issuedAt()).isEqualTo(clock.instant());
  }

  @Test
  void token_usesTheSecretFromTheEnvironment_orTheOption() {
    String fromEnv = TokenCommand.run(new String[] {"42"}, Map.of("COMICSHELF_APP_SECRET", "env-secret"), clock);
    String fromOption = TokenCommand.run(new String[] {"42", "--secret", "cli-secret"}, Map.of(), clock);

    assertThat(new SignedRequestVerifier("env-secret", Duration.ofHours(1), clock).verify(fromEnv).userId()).isEqualTo(42);
    assertThat(new SignedRequestVerifier("cli-secret", Duration.ofHours(1), clock).verify(fromOption).userId()).isEqualTo(42);
    assertThatThrownBy(() -> new SignedRequestVerifier(LocalSettings.DEV_SECRET, Duration.ofHours(1), clock).verify(fromOption))
        .isInstanceOf(InvalidSignedRequestException.class);
  }

  @Test
  void missingOrInvalidUserId_isAUsageError() {
    assertThatThrownBy(() -> TokenCommand.run(new String[] {}, Map.of(), clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenCommand.run(new String[] {"0"}, Map.of(), clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenCommand.run(new String[] {"abc"}, Map.of(), clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
