package com.comicshelf.common;

import java.util.Optional;

/**
 * A validated request for one page: {@code limit} within [1, {@link #MAX_LIMIT}] and the opaque
 * cursor returned by the previous page, if any.
 */
public record PageRequest(int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ClientError.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    cursor = cursor == null ? Optional.empty() : cursor;
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }
}
