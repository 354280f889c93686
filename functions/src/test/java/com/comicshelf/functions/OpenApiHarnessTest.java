package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.contract.ContractLedger;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.http.Routes;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.TestContext;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Example;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The OpenAPI harness fails the tests it should: each of {@link DeliberateMismatches}' tests sends a
 * handler exchange that breaks {@code openapi.yaml} in one way (an undocumented status, a body of the
 * wrong shape, an undocumented route, a success for a request outside the contract), run here through
 * JUnit's own engines with the harness auto-registered exactly as for every other test. Each must fail,
 * naming the mismatch; the conforming ones must pass.
 */
class OpenApiHarnessTest {
  static final String SELF_TEST = "comicshelf.openapi.harness-self-test";

  @BeforeEach
  void allowTheDeliberateTests() {
    System.setProperty(SELF_TEST, "true");
    ContractLedger.selfTest(true);
  }

  @AfterEach
  void forbidThemAgain() {
    System.clearProperty(SELF_TEST);
    ContractLedger.selfTest(false);
  }

  @Test
  void anUndocumentedStatus_failsTheTest() {
    assertFailsWith("undocumentedStatus", "Response status 418 not defined");
  }

  @Test
  void aBodyOfTheWrongShape_failsTheTest() {
    assertFailsWith("wrongBodyShape", "validation.response.body.schema");
  }

  @Test
  void anUndocumentedRoute_failsTheTest() {
    assertFailsWith("undocumentedRoute", "GET /nowhere");
  }

  @Test
  void aRequestOutsideTheContract_thatTheHandlerAccepts_failsTheTest() {
    assertFailsWith("acceptsARequestOutsideTheContract", "request:");
  }

  @Test
  void conformingExchanges_andRefusalsOfMalformedRequests_pass() {
    assertPasses("conformingExchange");
    assertPasses("refusesAMalformedRequest");
    assertPasses("undeliverableEventRefused");
  }

  @Test
  void jqwikProperties_areCheckedToo() {
    EngineExecutionResults results =
        EngineTestKit.engine("jqwik").selectors(selectMethod(DeliberateJqwikMismatch.class, "jqwikUndocumentedStatus")).execute();

    assertThat(results.testEvents().failed().count()).isEqualTo(1);
    assertThat(failureText(results)).contains("Response status 418 not defined");
  }

  private static void assertFailsWith(String test, String expected) {
    EngineExecutionResults results = run(test);

    assertThat(results.testEvents().failed().count()).as(test + " must fail").isEqualTo(1);
    assertThat(failureText(results)).contains("do not match openapi.yaml", expected);
  }

  private static void assertPasses(String test) {
    EngineExecutionResults results = run(test);

    assertThat(results.testEvents().succeeded().count()).as(test + " must pass: " + failureText(results)).isEqualTo(1);
  }

  private static EngineExecutionResults run(String test) {
    // The test kit reads no junit-platform.properties: switch auto-detection on as that file does.
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectMethod(DeliberateMismatches.class, test))
        .execute();
  }

  private static String failureText(EngineExecutionResults results) {
    StringBuilder out = new StringBuilder();
    results.allEvents().failed().stream().forEach(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .ifPresent(t -> out.append(t.getMessage()).append('\n')));
    return out.toString();
  }

  /** Deliberately wrong handlers; run only by the tests above (never by the build's own test run). */
  @EnabledIfSystemProperty(named = SELF_TEST, matches = "true")
  static class DeliberateMismatches {
    private static final String COMIC = "GET /comics/{comicId}";

    @Test
    void undocumentedStatus() {
      serve(COMIC, request -> APIGatewayV2HTTPResponse.builder().withStatusCode(418).withHeaders(Map.of()).build(), 1);
    }

    @Test
    void wrongBodyShape() {
      serve(COMIC, request -> ApiResponses.json(200, Map.of("id", "one", "name", "Watchmen")), 1);
    }

    @Test
    void undocumentedRoute() {
      Routes routes = Routes.of(Map.of("GET /nowhere", request -> ApiResponses.json(200, Map.of())));
      routes.handle(ApiEvents.route("GET /nowhere").as(1).build(), new TestContext("deliberate"));
    }

    @Test
    void acceptsARequestOutsideTheContract() {
      Routes routes = Routes.of(Map.of("POST /comics", request -> ApiResponses.json(201, comic())));
      routes.handle(
          ApiEvents.route("POST /comics").as(1).body("{\"title\":\"Watchmen\",\"publisher\":\"DC\",\"year\":1987,\"colour\":true}").build(),
          new TestContext("deliberate"));
    }

    @Test
    void conformingExchange() {
      serve(COMIC, request -> ApiResponses.json(200, comic()), 1);
    }

    @Test
    void refusesAMalformedRequest() {
      Routes routes = Routes.of(Map.of("POST /comics", request -> {
        request.body(Map.class);
        return ApiResponses.json(201, comic());
      }));
      routes.handle(ApiEvents.route("POST /comics").as(1).body("{not json").build(), new TestContext("deliberate"));
    }

    @Test
    void undeliverableEventRefused() {
      Routes routes = Routes.of(Map.of(COMIC, request -> ApiResponses.json(200, comic())));
      routes.handle(ApiEvents.route("GET /comics/popular").as(1).build(), new TestContext("deliberate"));
    }

    static void serve(String routeKey, Function<ApiRequest, APIGatewayV2HTTPResponse> handler, long comicId) {
      Routes.of(Map.of(routeKey, handler))
          .handle(ApiEvents.route(routeKey).as(1).path("comicId", comicId).build(), new TestContext("deliberate"));
    }

    private static Map<String, Object> comic() {
      return Map.of("id", 1, "title", "Watchmen", "publisher", "DC Comics", "year", 1987);
    }
  }

  /** The same for jqwik, whose examples JUnit Jupiter's conditions do not reach. */
  static class DeliberateJqwikMismatch {
    @Example
    void jqwikUndocumentedStatus() {
      if (Boolean.getBoolean(SELF_TEST)) {
        DeliberateMismatches.serve(
            "GET /comics/{comicId}", request -> APIGatewayV2HTTPResponse.builder().withStatusCode(418).withHeaders(Map.of()).build(), 1);
      }
    }
  }
}
