package com.comicshelf.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void encodedParts_decodeBackUnchanged_evenWithSeparatorLikeText() {
    String cursor = Cursor.encode("Y: The Last Man", "12", "ünïcødé");

    assertThat(Cursor.decode(cursor, 3)).containsExactly("Y: The Last Man", "12", "ünïcødé");
  }

  @Test
  void tamperedOrForeignCursors_areBadRequests() {
    for (String bad : List.of("not base64!", Cursor.encode("only-one"), "x".repeat(600))) {
      assertThatThrownBy(() -> Cursor.decode(bad, 2))
          .isInstanceOf(ClientError.class)
          .extracting(e -> ((ClientError) e).kind())
          .isEqualTo(ClientError.Kind.BAD_REQUEST);
    }
  }

  @Test
  void instantsOutsideTheDatetimeRange_areBadRequests() {
    assertThatThrownBy(() -> Cursor.decodeInstant("99999999999999", "0")).isInstanceOf(ClientError.class);
    assertThatThrownBy(() -> Cursor.decodeInstant("1", "1000000000")).isInstanceOf(ClientError.class);
  }
}
