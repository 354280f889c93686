package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRoutesTest {
  /** Surefire runs in the module directory; the project's one template is its parent's. */
  private static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

  private static final String AUTHORIZER = "com.comicshelf.functions.auth.AuthorizerHandler";
  private static final String COMICS = "com.comicshelf.functions.catalog.ComicsHandler";
  private static final String FAVORITES = "com.comicshelf.functions.favorites.FavoritesHandler";

  @Test
  void projectTemplate_yieldsTheCatalogAndFavoritesRoutes_withTheirHandlerClasses() {
    List<Route> routes = TemplateRoutes.read(PROJECT_TEMPLATE);

    assertThat(routes)
        .extracting(Route::routeKey, r -> r.function().handlerClass())
        .contains(
            tuple("GET /comics", COMICS),
            tuple("GET /comics/{comicId}", COMICS),
            tuple("POST /comics", COMICS),
            tuple("GET /me/favorites", FAVORITES),
            tuple("PUT /me/favorites/{comicId}", FAVORITES),
            tuple("DELETE /me/favorites/{comicId}", FAVORITES),
            tuple("GET /users/{userId}/favorites", FAVORITES));
  }

  @Test
  void projectTemplate_putsEveryRouteButFacebooksCallbacksBehindTheSignedRequestAuthorizer() {
    List<Route> routes = TemplateRoutes.read(PROJECT_TEMPLATE);

    // Facebook calls these server to server with a signed_request form field, which the handler verifies.
    assertThat(routes.stream().filter(route -> route.authorizer().isEmpty()).map(Route::routeKey))
        .containsExactlyInAnyOrder(
            "POST /facebook/data-deletion", "GET /facebook/data-deletion/{code}", "POST /facebook/deauthorize");
    assertThat(routes.stream().filter(route -> route.authorizer().isPresent())).hasSizeGreaterThan(10).allSatisfy(route -> {
      AuthorizerSpec authorizer = route.authorizer().orElseThrow();
      assertThat(authorizer.name()).isEqualTo("SignedRequestAuthorizer");
      assertThat(authorizer.function().logicalId()).isEqualTo("AuthorizerFunction");
      assertThat(authorizer.function().handlerClass()).isEqualTo(AUTHORIZER);
      assertThat(authorizer.identityHeaders()).containsExactly("Authorization");
    });
  }

  @Test
  void projectTemplate_takesLimitsFromTheFunctionOrGlobals() {
    List<Route> routes = TemplateRoutes.read(PROJECT_TEMPLATE);

    FunctionSpec authorizer = routes.get(0).authorizer().orElseThrow().function();
    FunctionSpec comics = routes.stream().filter(r -> r.routeKey().equals("GET /comics")).findFirst().orElseThrow().function();
    assertThat(authorizer.memoryMb()).isEqualTo(512);
    assertThat(comics.memoryMb()).isEqualTo(1024);
    assertThat(comics.timeoutSeconds()).isEqualTo(15);
  }

  @Test
  void functionsWithoutHttpEvents_yieldNoRoutes() {
    assertThat(TemplateRoutes.read(PROJECT_TEMPLATE))
        .extracting(r -> r.function().logicalId())
        .doesNotContain("MigrateFunction", "AuthorizerFunction");
  }

  @Test
  void getAttInListForm_noneAuthorizer_andHandlerWithoutMethod_areUnderstood() {
    List<Route> routes = TemplateRoutes.read(Path.of("src/test/resources/fixture-template.yaml"));

    assertThat(routes)
        .extracting(Route::routeKey, r -> r.authorizer().map(AuthorizerSpec::name))
        .containsExactly(
            tuple("POST /echo/{name}", Optional.of("Fixture")),
            tuple("ANY /open/{proxy+}", Optional.empty()),
            tuple("GET /binary", Optional.of("Fixture")),
            tuple("GET /boom", Optional.of("Fixture")));
    assertThat(routes.get(0).authorizer().orElseThrow().function().handlerClass())
        .isEqualTo("com.comicshelf.local.fixture.FixtureAuthorizer");
    assertThat(routes.get(2).function().handlerClass()).isEqualTo("com.comicshelf.local.fixture.BinaryHandler");
  }

  @Test
  void jwtAuthorizer_isRefusedAtStart(@TempDir Path dir) throws IOException {
    Path template = write(dir, """
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
            Properties:
              Auth:
                DefaultAuthorizer: Jwt
                Authorizers:
                  Jwt:
                    JwtConfiguration: { issuer: "https://example.com" }
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y::handleRequest
              Events:
                Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Method: GET, Path: /x } }
        """);

    assertThatThrownBy(() -> TemplateRoutes.read(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JWT authorizer");
  }

  @Test
  void sameRouteTwice_isRefused(@TempDir Path dir) throws IOException {
    Path template = write(dir, """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y::handleRequest
              Events:
                A: { Type: HttpApi, Properties: { Method: get, Path: /x } }
                B: { Type: HttpApi, Properties: { Method: GET, Path: /x } }
        """);

    assertThatThrownBy(() -> TemplateRoutes.read(template)).hasMessageContaining("GET /x is declared twice");
  }

  @Test
  void find_walksUpToTheNearestTemplate(@TempDir Path dir) throws IOException {
    Path template = write(dir, "Resources: {}\n");
    Path nested = Files.createDirectories(dir.resolve("a/b"));

    assertThat(TemplateRoutes.find(nested)).contains(template.toAbsolutePath());
  }

  private static Path write(Path dir, String yaml) throws IOException {
    return Files.writeString(dir.resolve("template.yaml"), yaml);
  }
}
