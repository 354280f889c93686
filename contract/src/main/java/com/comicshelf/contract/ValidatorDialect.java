package com.comicshelf.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an OpenAPI 3.1 document into the OpenAPI 3.0 form swagger-request-validator enforces.
 *
 * <p>The validator (2.44) is an OpenAPI 3.0 engine on a JSON Schema draft 4 validator. Given a 3.1
 * document it parses it, but quietly skips what 3.0 lacks: {@code const}, {@code type} lists, numeric
 * {@code exclusiveMinimum}, and with them every schema check on parameters and headers (it no longer
 * knows their type). So the contract is written in 3.1 using only keywords that mean the same in both
 * versions, plus three that have an exact 3.0 spelling, rewritten here:
 *
 * <ul>
 *   <li>{@code const: v} becomes {@code enum: [v]};
 *   <li>{@code type: [T, "null"]} becomes {@code type: T, nullable: true};
 *   <li>a numeric {@code exclusiveMinimum: n} (or maximum) becomes {@code minimum: n, exclusiveMinimum: true};
 * </ul>
 *
 * and {@code examples} in a schema (an annotation) is dropped. Anything else only 3.1 has is refused
 * with the place it was found, so no part of the contract goes unchecked without anyone noticing.
 *
 * <p>One rewrite is for the validator alone: it reads only an operation's own {@code security}, so the
 * document's default requirement is copied into every operation that declares none (what OpenAPI means
 * by the default in any version).
 */
public final class ValidatorDialect {
  /** JSON Schema 2020-12 keywords that OpenAPI 3.0 lacks: the validator would skip them silently. */
  private static final Set<String> ONLY_IN_31 =
      Set.of(
          "$schema", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs", "$vocabulary", "$comment",
          "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas",
          "if", "then", "else", "contains", "minContains", "maxContains", "propertyNames", "patternProperties",
          "contentEncoding", "contentMediaType", "contentSchema");
  /** Schema keywords whose values are schemas themselves (or lists of them). */
  private static final Set<String> SUBSCHEMA = Set.of("items", "not", "additionalProperties");
  private static final Set<String> SUBSCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");
  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "object", "array");

  private ValidatorDialect() {}

  /** A 3.0.3 copy of {@code document}, which must be OpenAPI 3.1.x. */
  public static ObjectNode from31(JsonNode document) {
    if (!document.path("openapi").asText().startsWith("3.1.")) {
      throw new IllegalArgumentException("not an OpenAPI 3.1 document: openapi is '" + document.path("openapi").asText() + "'");
    }
    ObjectNode copy = document.deepCopy();
    for (String only31 : List.of("webhooks", "jsonSchemaDialect")) {
      if (copy.has(only31)) {
        throw refused(only31, "(root)");
      }
    }
    if (copy.path("info").has("summary") || copy.path("info").path("license").has("identifier")) {
      throw refused("info.summary / info.license.identifier", "info");
    }
    if (copy.path("components").has("pathItems")) {
      throw refused("pathItems", "components");
    }
    copy.put("openapi", "3.0.3");
    walk(copy, "");
    inheritSecurity(copy);
    return copy;
  }

  private static void inheritSecurity(ObjectNode document) {
    JsonNode security = document.get("security");
    if (security == null) {
      return;
    }
    document.path("paths").forEach(path -> path.fields().forEachRemaining(field -> {
      if (OPERATIONS.contains(field.getKey()) && field.getValue().isObject() && !field.getValue().has("security")) {
        ((ObjectNode) field.getValue()).set("security", security.deepCopy());
      }
    }));
  }

  /** Finds every schema in a part of the document that is not a schema itself. */
  private static void walk(JsonNode node, String where) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        String key = field.getKey();
        String at = where + "/" + key;
        if (key.equals("example") || key.equals("examples") || key.startsWith("x-")) {
          continue;
        }
        if (key.equals("schema")) {
          schema(field.getValue(), at);
        } else if (key.equals("schemas") && where.equals("/components")) {
          field.getValue().fields().forEachRemaining(s -> schema(s.getValue(), at + "/" + s.getKey()));
        } else {
          walk(field.getValue(), at);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), where + "/" + i);
      }
    }
  }

  private static void schema(JsonNode node, String where) {
    if (!node.isObject()) {
      return; // a boolean schema: the same in both versions
    }
    ObjectNode schema = (ObjectNode) node;
    if (schema.has("$ref") && schema.size() > 1) {
      // 3.1 applies a $ref's sibling keywords; 3.0 ignores them.
      List<String> siblings = new ArrayList<>();
      schema.fieldNames().forEachRemaining(name -> {
        if (!name.equals("$ref") && !name.equals("description") && !name.equals("summary")) {
          siblings.add(name);
        }
      });
      if (!siblings.isEmpty()) {
        throw new IllegalArgumentException(
            where + ": keywords beside $ref (" + siblings + ") are ignored by the validator; wrap them in allOf");
      }
    }
    for (String keyword : ONLY_IN_31) {
      if (schema.has(keyword)) {
        throw refused(keyword, where);
      }
    }
    if (schema.has("nullable")) {
      throw new IllegalArgumentException(where + ": nullable is OpenAPI 3.0; in 3.1 write type: [T, \"null\"]");
    }
    schema.remove("examples");
    if (schema.has("const")) {
      JsonNode value = schema.remove("const");
      ArrayNode single = JsonNodeFactory.instance.arrayNode().add(value);
      schema.set("enum", single);
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      List<String> types = new ArrayList<>();
      boolean nullable = false;
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          nullable = true;
        } else {
          types.add(t.asText());
        }
      }
      if (types.size() != 1 || !TYPES.contains(types.get(0))) {
        throw new IllegalArgumentException(
            where + ": type " + type + " has no OpenAPI 3.0 spelling; use one type, optionally with \"null\"");
      }
      schema.put("type", types.get(0));
      if (nullable) {
        schema.put("nullable", true);
      }
    }
    exclusiveBound(schema, "exclusiveMinimum", "minimum", where);
    exclusiveBound(schema, "exclusiveMaximum", "maximum", where);
    schema.fields().forEachRemaining(field -> {
      String key = field.getKey();
      String at = where + "/" + key;
      if (key.equals("properties")) {
        field.getValue().fields().forEachRemaining(p -> schema(p.getValue(), at + "/" + p.getKey()));
      } else if (SUBSCHEMA.contains(key)) {
        schema(field.getValue(), at);
      } else if (SUBSCHEMA_LISTS.contains(key)) {
        for (int i = 0; i < field.getValue().size(); i++) {
          schema(field.getValue().get(i), at + "/" + i);
        }
      }
    });
  }

  private static void exclusiveBound(ObjectNode schema, String exclusive, String inclusive, String where) {
    JsonNode bound = schema.get(exclusive);
    if (bound == null || bound.isBoolean()) {
      if (bound != null) {
        throw new IllegalArgumentException(where + ": a boolean " + exclusive + " is OpenAPI 3.0; in 3.1 it is the bound itself");
      }
      return;
    }
    if (schema.has(inclusive)) {
      throw new IllegalArgumentException(where + ": both " + exclusive + " and " + inclusive + "; keep one");
    }
    schema.set(inclusive, bound);
    schema.put(exclusive, true);
  }

  private static IllegalArgumentException refused(String keyword, String where) {
    return new IllegalArgumentException(
        where + ": " + keyword + " is OpenAPI 3.1 only, and the validator (an OpenAPI 3.0 engine) would skip it"
            + " without a word; express it with keywords both versions share");
  }
}
