package com.comicshelf.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded so clients do
 * not depend on its shape. Every decoding failure is the client's mistake (400).
 */
public final class Cursor {
  private static final Pattern SEPARATOR = Pattern.compile("\u001f");
  /**
   * Room for the longest cursor we make: a comic title of 200 four-byte characters alone is 800 bytes,
   * about 1,070 characters of base64 (the title page's cursor holds the last title).
   */
  public static final int MAX_LENGTH = 2048;
  /** 9999-12-31, the end of MySQL's DATETIME range. */
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  private Cursor() {}

  public static String encode(String... parts) {
    String joined = String.join("\u001f", parts);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor made by {@link #encode} with exactly {@code expectedParts} parts. */
  public static List<String> decode(String cursor, int expectedParts) {
    if (cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    String joined;
    try {
      joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    List<String> parts = List.of(SEPARATOR.split(joined, -1));
    if (parts.size() != expectedParts) {
      throw invalid();
    }
    return parts;
  }

  public static long decodeLong(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /**
   * An instant stored as epoch seconds and nanoseconds. Stored times have millisecond precision
   * ({@link Timestamps}), so a finer instant was made by hand, not by {@link #encode}: the SQL
   * adapters refuse to bind one.
   */
  public static Instant decodeInstant(String seconds, String nanos) {
    long s = decodeLong(seconds);
    long n = decodeLong(nanos);
    if (n < 0 || n > 999_999_999 || s < 0 || s > MAX_EPOCH_SECOND) {
      throw invalid();
    }
    Instant instant = Instant.ofEpochSecond(s, n);
    if (!Timestamps.isStorable(instant)) {
      throw invalid();
    }
    return instant;
  }

  private static ClientError invalid() {
    return ClientError.badRequest("cursor is not valid: pass back the nextCursor of a previous page unchanged");
  }
}
