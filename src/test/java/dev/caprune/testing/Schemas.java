package dev.caprune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates caprune's documents against the schemas it publishes ({@code caprune schema}). */
public final class Schemas {
  private static final String BASE = "https://caprune.dev/schemas/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemas(
                  (String iri) ->
                      iri.startsWith(BASE)
                          ? dev.caprune.report.Schemas.text(
                                  iri.substring(BASE.length()).replace(".schema.json", ""))
                              .orElse(null)
                          : null));
  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private Schemas() {}

  /** The problems of {@code document} under the schema {@code name}; empty when it is valid. */
  public static List<String> problems(String name, JsonNode document) {
    Schema schema =
        LOADED.computeIfAbsent(
            name, n -> REGISTRY.getSchema(SchemaLocation.of(BASE + n + ".schema.json")));
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(document)) {
      out.add(e.toString());
    }
    return out;
  }

  /**
   * The problems of a whole output: one document ({@code name}), or with {@code ndjson} each line
   * under {@code name}-line, each problem prefixed with its line number.
   */
  public static List<String> problems(String name, String output, boolean ndjson) {
    List<String> out = new ArrayList<>();
    try {
      if (!ndjson) {
        out.addAll(problems(name, JSON.readTree(output)));
        return out;
      }
      int n = 0;
      for (String line : output.split("\n")) {
        n++;
        for (String p : problems(name + "-line", JSON.readTree(line))) {
          out.add("line " + n + ": " + p);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out.add("not JSON: " + e.getOriginalMessage());
    }
    return out;
  }
}
