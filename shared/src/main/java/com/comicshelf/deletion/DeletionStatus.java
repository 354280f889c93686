package com.comicshelf.deletion;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a deletion stands: asked for and durable, or finished. */
public enum DeletionStatus {
  PENDING("pending"),
  DONE("done");

  private final String text;

  DeletionStatus(String text) {
    this.text = text;
  }

  @JsonValue
  public String text() {
    return text;
  }

  static DeletionStatus of(String text) {
    return switch (text) {
      case "pending" -> PENDING;
      case "done" -> DONE;
      default -> throw new IllegalStateException("unknown deletion status " + text);
    };
  }
}
