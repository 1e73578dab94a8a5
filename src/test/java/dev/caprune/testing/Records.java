package dev.caprune.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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

  /**
   * Every version's result in a report of {@code format} (json, ndjson, csv), by key {@code
   * repository|format|namespace|package|version}: {@code succeeded}, {@code alreadyDone}, {@code
   * notAttempted}, or a failure's error code. Asserts the document is whole (its summary there).
   */
  public static Map<String, String> results(String format, String stdout, String context)
      throws IOException {
    Map<String, String> results = new HashMap<>();
    switch (format) {
      case "json" -> {
        JsonNode doc = JSON.readTree(stdout);
        assertThat(doc.has("summary")).as(context).isTrue();
        for (JsonNode p : doc.path("packages")) {
          String prefix = prefix(p);
          p.path("selected").forEach(v -> results.put(prefix + v.asText(), "notAttempted"));
          p.path("successfulVersions")
              .fieldNames()
              .forEachRemaining(v -> results.put(prefix + v, "succeeded"));
          p.path("alreadyDone")
              .fieldNames()
              .forEachRemaining(v -> results.put(prefix + v, "alreadyDone"));
          p.path("failedVersions")
              .fields()
              .forEachRemaining(
                  e -> results.put(prefix + e.getKey(), e.getValue().path("errorCode").asText()));
        }
      }
      case "ndjson" -> {
        assertThat(stdout).as(context).endsWith("\n");
        String[] lines = stdout.split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertThat(last.path("type").asText()).as(context).isEqualTo("summary");
        for (int i = 0; i < lines.length - 1; i++) {
          JsonNode l = JSON.readTree(lines[i]);
          if (!l.path("type").asText().equals("version")) {
            continue;
          }
          String key = prefix(l) + l.path("version").asText();
          String result = l.path("result").asText();
          results.put(key, result.equals("failed") ? l.path("errorCode").asText() : result);
        }
        assertThat(results.size()).as(context).isEqualTo(last.path("selected").asInt());
      }
      case "csv" -> {
        assertThat(stdout).as(context).startsWith("repository,format,namespace,package,version");
        assertThat(stdout).as(context).endsWith("\n");
        String[] lines = stdout.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
          String[] f = lines[i].split(",", -1);
          assertThat(f.length)
              .as(context + ": whole CSV row: " + lines[i])
              .isGreaterThanOrEqualTo(10);
          results.put(
              String.join("|", f[0], f[1], f[2], f[3], f[4]), f[6].equals("failed") ? f[8] : f[6]);
        }
      }
      default -> throw new IllegalArgumentException(format);
    }
    return results;
  }

  private static String prefix(JsonNode p) {
    return String.join(
            "|",
            p.path("repository").asText(),
            p.path("format").asText(),
            p.path("namespace").isNull() ? "" : p.path("namespace").asText(""),
            p.path("package").asText())
        + "|";
  }
}
