package com.comicshelf.catalog;

import com.comicshelf.common.ClientError;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to add a comic, validated on construction.
 *
 * <p>Limits: title 1–{@value #MAX_TITLE} characters, publisher 1–{@value #MAX_PUBLISHER}, year from
 * {@value #MIN_YEAR} to next year. Surrounding white space is trimmed.
 */
public record NewComic(String title, String publisher, Integer year) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_PUBLISHER = 100;
  public static final int MIN_YEAR = 1800;

  /** Validates and normalises; {@code currentYear} comes from the caller's clock. */
  public NewComic validated(Year currentYear) {
    List<String> problems = new ArrayList<>();
    String t = title == null ? "" : title.strip();
    String p = publisher == null ? "" : publisher.strip();
    if (t.isEmpty()) {
      problems.add("title is required");
    } else if (t.codePointCount(0, t.length()) > MAX_TITLE) {
      problems.add("title must be at most " + MAX_TITLE + " characters");
    }
    if (p.isEmpty()) {
      problems.add("publisher is required");
    } else if (p.codePointCount(0, p.length()) > MAX_PUBLISHER) {
      problems.add("publisher must be at most " + MAX_PUBLISHER + " characters");
    }
    int maxYear = currentYear.getValue() + 1;
    if (year == null) {
      problems.add("year is required");
    } else if (year < MIN_YEAR || year > maxYear) {
      problems.add("year must be between " + MIN_YEAR + " and " + maxYear);
    }
    if (!problems.isEmpty()) {
      throw ClientError.unprocessable(String.join("; ", problems));
    }
    return new NewComic(t, p, year);
  }
}
