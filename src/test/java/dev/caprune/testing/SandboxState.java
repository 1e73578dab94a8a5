package dev.caprune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** The sandbox's state flattened to comparable lines: repo|format|ns|package|version|status|rev. */
public final class SandboxState {
  private SandboxState() {}

  public static Set<String> versions(JsonNode state) {
    Set<String> lines = new TreeSet<>();
    for (JsonNode d : state.path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            lines.add(
                String.join(
                    "|",
                    r.path("name").asText(),
                    p.path("format").asText(),
                    p.path("namespace").asText(""),
                    p.path("name").asText(),
                    v.path("version").asText(),
                    v.path("status").asText(),
                    v.path("revision").asText()));
          }
        }
      }
    }
    return lines;
  }

  /** The line's key without status and revision: repo|format|ns|package|version. */
  public static String key(String line) {
    String[] parts = line.split("\\|");
    return String.join("|", parts[0], parts[1], parts[2], parts[3], parts[4]);
  }
}
