package com.comicshelf.functions.ranking;

import com.comicshelf.config.Environment;
import com.comicshelf.ranking.RankingService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class RankingTestAccess {
  private RankingTestAccess() {}

  public static RankingHandler handler(RankingService service) {
    return new RankingHandler(service);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerRankingComponent.factory().create(environment).ranking();
  }
}
