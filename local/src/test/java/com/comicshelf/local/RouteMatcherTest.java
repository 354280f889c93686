package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
  private static final FunctionSpec FN = new FunctionSpec("Fn", "x.Y", 3, 128);

  private final RouteMatcher matcher =
      new RouteMatcher(
          List.of(
              route("GET", "/comics"),
              route("GET", "/comics/{comicId}"),
              route("GET", "/comics/popular"),
              route("PUT", "/me/favorites/{comicId}"),
              route("GET", "/users/{userId}/favorites"),
              route("ANY", "/files/{proxy+}"),
              route("GET", "/files/{proxy+}")));

  @Test
  void literalPath_matchesItsRoute_withoutPathParameters() {
    assertThat(match("GET", "/comics")).hasValueSatisfying(m -> {
      assertThat(m.route().routeKey()).isEqualTo("GET /comics");
      assertThat(m.pathParameters()).isEmpty();
    });
  }

  @Test
  void pathVariables_areExtracted() {
    assertThat(match("GET", "/users/42/favorites")).hasValueSatisfying(m -> {
      assertThat(m.route().routeKey()).isEqualTo("GET /users/{userId}/favorites");
      assertThat(m.pathParameters()).isEqualTo(Map.of("userId", "42"));
    });
  }

  @Test
  void pathVariables_arePercentDecoded_butPlusStaysAPlus() {
    assertThat(match("GET", "/comics/a%20b+c")).map(RouteMatch::pathParameters)
        .contains(Map.of("comicId", "a b+c"));
  }

  @Test
  void literalSegment_beatsAVariable() {
    assertThat(match("GET", "/comics/popular")).map(m -> m.route().routeKey()).contains("GET /comics/popular");
  }

  @Test
  void greedyVariable_takesTheRestOfThePath_andAnExplicitMethodBeatsAny() {
    assertThat(match("GET", "/files/a/b/c.png")).hasValueSatisfying(m -> {
      assertThat(m.route().routeKey()).isEqualTo("GET /files/{proxy+}");
      assertThat(m.pathParameters()).isEqualTo(Map.of("proxy", "a/b/c.png"));
    });
    assertThat(match("DELETE", "/files/a")).map(m -> m.route().routeKey()).contains("ANY /files/{proxy+}");
  }

  @Test
  void greedyVariable_needsAtLeastOneSegment() {
    assertThat(match("GET", "/files")).isEmpty();
    assertThat(match("GET", "/files/")).isEmpty();
  }

  @Test
  void unknownPath_orWrongMethod_matchesNothing() {
    assertThat(match("GET", "/nope")).isEmpty();
    assertThat(match("DELETE", "/comics")).isEmpty();
    assertThat(match("GET", "/me/favorites/1")).isEmpty();
  }

  @Test
  void trailingSlash_isNotFolded_likeApiGateway() {
    assertThat(match("GET", "/comics/")).isEmpty();
    assertThat(match("GET", "/users/42/favorites/")).isEmpty();
  }

  @Test
  void emptySegment_neverFillsAVariable() {
    assertThat(match("GET", "/users//favorites")).isEmpty();
  }

  @Test
  void malformedEscape_matchesNothing() {
    assertThat(match("GET", "/comics/%zz")).isEmpty();
  }

  @Test
  void methodIsCaseSensitive() {
    assertThat(match("put", "/me/favorites/3")).isEmpty();
  }

  private Optional<RouteMatch> match(String method, String path) {
    return matcher.match(method, path);
  }

  private static Route route(String method, String path) {
    return new Route(method, path, FN, Optional.empty());
  }
}
