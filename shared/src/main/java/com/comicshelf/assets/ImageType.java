package com.comicshelf.assets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The image types a cover may have, each with its file extension and the magic number its files
 * start with. Only these are accepted: no SVG (scripts), no formats browsers cannot show.
 */
public enum ImageType {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  WEBP("image/webp", "webp"),
  GIF("image/gif", "gif");

  /** How many leading bytes {@link #sniff} needs to tell every type apart. */
  public static final int SNIFF_LENGTH = 12;

  private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] GIF87A = {'G', 'I', 'F', '8', '7', 'a'};
  private static final byte[] GIF89A = {'G', 'I', 'F', '8', '9', 'a'};
  private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
  private static final byte[] WEBP_TAG = {'W', 'E', 'B', 'P'};

  private final String contentType;
  private final String extension;

  ImageType(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** The type whose media type is {@code contentType} (case-insensitive, no parameters). */
  public static Optional<ImageType> ofContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String wanted = contentType.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.contentType.equals(wanted)).findFirst();
  }

  /** The allowed media types, for messages: {@code image/jpeg, image/png, ...}. */
  public static String allowedContentTypes() {
    return Arrays.stream(values()).map(ImageType::contentType).collect(Collectors.joining(", "));
  }

  /**
   * The type whose magic number {@code head} (a file's first bytes) starts with; empty when it is
   * none of them. WebP is a RIFF container: "RIFF", a 4-byte length, then "WEBP".
   */
  public static Optional<ImageType> sniff(byte[] head) {
    if (startsWith(head, 0, JPEG_MAGIC)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 0, GIF87A) || startsWith(head, 0, GIF89A)) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP_TAG)) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (data.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
