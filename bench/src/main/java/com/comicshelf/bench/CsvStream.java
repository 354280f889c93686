package com.comicshelf.bench;

import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * CSV text produced row by row while the driver sends it to {@code LOAD DATA LOCAL INFILE}: nothing
 * is written to disk, and the rows streamed so far drive the progress line.
 */
final class CsvStream extends InputStream {
  /** Appends the next row (with its newline) to {@code out}; returns false when there are no more. */
  @FunctionalInterface
  interface RowSource {
    boolean next(StringBuilder out);
  }

  private static final int REFILL_CHARS = 1 << 16;

  private final RowSource source;
  private final Progress progress;
  private final LongSupplier done;
  private final StringBuilder text = new StringBuilder(REFILL_CHARS + 256);
  private byte[] buffer = new byte[0];
  private int position;
  private long rows;
  private boolean exhausted;

  /** {@code done} reports progress in the progress line's units; null means rows streamed. */
  CsvStream(RowSource source, Progress progress, LongSupplier done) {
    this.source = source;
    this.progress = progress;
    this.done = done != null ? done : this::rows;
  }

  long rows() {
    return rows;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    if (position == buffer.length && !refill()) {
      return -1;
    }
    int n = Math.min(length, buffer.length - position);
    System.arraycopy(buffer, position, into, offset, n);
    position += n;
    return n;
  }

  private boolean refill() {
    if (exhausted) {
      return false;
    }
    text.setLength(0);
    while (text.length() < REFILL_CHARS) {
      if (!source.next(text)) {
        exhausted = true;
        break;
      }
      rows++;
    }
    progress.update(done.getAsLong());
    // The generated text is ASCII only.
    buffer = new byte[text.length()];
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) text.charAt(i);
    }
    position = 0;
    return buffer.length > 0;
  }
}
