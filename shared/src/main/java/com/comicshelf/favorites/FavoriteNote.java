package com.comicshelf.favorites;

import com.comicshelf.common.ClientError;

/** The optional body of {@code PUT /me/favorites/{comicId}}; the note is at most 500 characters. */
public record FavoriteNote(String note) {
  public static final int MAX_NOTE = 500;
  public static final FavoriteNote NONE = new FavoriteNote(null);

  /** The note stripped of surrounding white space, or null when blank. */
  public String validatedNote() {
    if (note == null || note.isBlank()) {
      return null;
    }
    String stripped = note.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_NOTE) {
      throw ClientError.unprocessable("note must be at most " + MAX_NOTE + " characters");
    }
    return stripped;
  }
}
