package com.comicshelf.functions.ranking;

import com.comicshelf.ranking.RankingService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class RankingTestAccess {
  private RankingTestAccess() {}

  public static RankingHandler handler(RankingService service) {
    return new RankingHandler(service);
  }
}
