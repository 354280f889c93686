package com.comicshelf.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The 3.1 → 3.0 rewriting: exact where both versions can say it, refused where the validator would skip it. */
class ValidatorDialectTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void constNullableTypesAndExclusiveBounds_getTheir30Spelling() throws Exception {
    JsonNode out = ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        components:
          schemas:
            A:
              type: object
              properties:
                s: {const: about:blank}
                n: {type: [string, 'null'], examples: [x]}
                e: {type: integer, exclusiveMinimum: 0}
                l: {type: array, items: {allOf: [{const: 1}]}}
        """));

    JsonNode a = out.path("components").path("schemas").path("A").path("properties");
    assertThat(out.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(a.path("s").toString()).isEqualTo("{\"enum\":[\"about:blank\"]}");
    assertThat(a.path("n").toString()).isEqualTo("{\"type\":\"string\",\"nullable\":true}");
    assertThat(a.path("e").toString()).isEqualTo("{\"type\":\"integer\",\"exclusiveMinimum\":true,\"minimum\":0}");
    assertThat(a.path("l").path("items").path("allOf").path(0).toString()).isEqualTo("{\"enum\":[1]}");
  }

  @Test
  void parameterAndHeaderSchemas_areRewrittenToo() throws Exception {
    JsonNode out = ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        paths:
          /a:
            get:
              parameters: [{name: p, in: query, schema: {const: x}}]
              responses:
                '200': {description: ok, headers: {h: {schema: {const: 'true'}}}}
        """));

    assertThat(out.at("/paths/~1a/get/parameters/0/schema/enum/0").asText()).isEqualTo("x");
    assertThat(out.at("/paths/~1a/get/responses/200/headers/h/schema/enum/0").asText()).isEqualTo("true");
  }

  @Test
  void whatTheValidatorWouldSkip_isRefusedWithItsPlace() {
    assertThatThrownBy(() -> ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        components: {schemas: {A: {type: array, prefixItems: [{type: string}]}}}
        """))).hasMessageContaining("/components/schemas/A").hasMessageContaining("prefixItems");
    assertThatThrownBy(() -> ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        components: {schemas: {A: {type: string, nullable: true}}}
        """))).hasMessageContaining("nullable");
    assertThatThrownBy(() -> ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        components: {schemas: {A: {$ref: '#/components/schemas/B', maxLength: 3}, B: {type: string}}}
        """))).hasMessageContaining("beside $ref");
    assertThatThrownBy(() -> ValidatorDialect.from31(YAML.readTree("""
        openapi: 3.1.0
        components: {schemas: {A: {type: [string, integer]}}}
        """))).hasMessageContaining("no OpenAPI 3.0 spelling");
    assertThatThrownBy(() -> ValidatorDialect.from31(YAML.readTree("openapi: 3.0.3\n")))
        .hasMessageContaining("not an OpenAPI 3.1 document");
  }
}
