package dev.caprune.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The published JSON Schemas of every document caprune prints, and of the policy file: resources
 * under {@code /schemas/}, printed by {@code caprune schema NAME}.
 */
public final class Schemas {
  /** Each schema's name, in the order help lists them, and what it describes. */
  public static final Map<String, String> NAMES = names();

  private Schemas() {}

  private static Map<String, String> names() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "report", "an action's report, -o json (delete, archive, unlist, restore, dispose, apply)");
    m.put("report-line", "one line of an action's report, -o ndjson");
    m.put("versions", "caprune versions -o json");
    m.put("versions-line", "one line of caprune versions -o ndjson");
    m.put("usage", "caprune usage -o json");
    m.put("usage-line", "one line of caprune usage -o ndjson");
    m.put("policy-run", "caprune policy run -o json");
    m.put("policy-run-line", "one line of caprune policy run -o ndjson");
    m.put("plan", "a plan file (--save-plan, plan show -o json)");
    m.put("plans", "caprune policy run --save-plan -o json");
    m.put("policy", "the policy file (as caprune policy schema prints it)");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The schema's text, or empty when there is no schema of that name. */
  public static Optional<String> text(String name) {
    if (!NAMES.containsKey(name)) {
      return Optional.empty();
    }
    String resource =
        name.equals("policy") ? "/caprune-policy.schema.json" : "/schemas/" + name + ".schema.json";
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
