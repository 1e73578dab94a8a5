package dev.caprune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/** What an ndjson record says, in the key form {@link SandboxState} uses for the sandbox. */
public final class Records {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Records() {}

  /**
   * {@code repository|format|namespace|package|version} of every {@code "type":"version"} line of
   * an ndjson record.
   */
  public static Set<String> versionKeys(String ndjson) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      if (n.path("type").asText().equals("version")) {
        keys.add(
            String.join(
                "|",
                n.path("repository").asText(),
                n.path("format").asText(),
                n.path("namespace").asText(""),
                n.path("package").asText(),
                n.path("version").asText()));
      }
    }
    return keys;
  }
}
