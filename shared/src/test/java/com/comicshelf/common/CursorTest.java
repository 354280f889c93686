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
  void theCursorAfterTheLongestTitle_decodes() {
    String longestTitle = "\uD83D\uDE00".repeat(com.comicshelf.catalog.NewComic.MAX_TITLE);
    String cursor = Cursor.encode(longestTitle, "9223372036854775807");

    assertThat(cursor.length()).isGreaterThan(1000).isLessThanOrEqualTo(Cursor.MAX_LENGTH);
    assertThat(Cursor.decode(cursor, 2)).containsExactly(longestTitle, "9223372036854775807");
  }

  @Test
  void tamperedOrForeignCursors_areBadRequests() {
    for (String bad : List.of("not base64!", Cursor.encode("only-one"), "x".repeat(Cursor.MAX_LENGTH + 1))) {
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
