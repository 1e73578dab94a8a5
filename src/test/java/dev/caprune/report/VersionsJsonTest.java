package dev.caprune.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.caprune.report.VersionsRenderer.Entry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The versions document is written field by field (no databind on the hot path); it must stay byte
 * for byte what databind writes for the same record, which the other documents use.
 */
class VersionsJsonTest {
  /** The document as a record, the way databind would see it. */
  record Document(int schemaVersion, String domain, List<Shown> versions) {}

  record Shown(
      String repository,
      String format,
      String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      String revision,
      String origin,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean selected,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    Shown(Entry e) {
      this(
          e.repository(),
          e.format(),
          e.namespace(),
          e.pkg(),
          e.version(),
          e.status(),
          e.revision(),
          e.origin(),
          e.selected(),
          e.reason());
    }
  }

  static List<List<Entry>> documents() {
    Entry plain =
        new Entry(
            "releases",
            "npm",
            null,
            "left-pad",
            "1.0.0",
            "Published",
            "r1",
            "INTERNAL",
            null,
            null);
    Entry explained =
        new Entry(
            "snapshots",
            "maven",
            "com.acme",
            "core",
            "2.0-SNAPSHOT",
            "Unlisted",
            "r\"2\"",
            "EXTERNAL",
            false,
            "kept: newest 5 \u2014 \"latest\"\n");
    return List.of(List.of(), List.of(plain), List.of(plain, explained));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void streamedIsWhatDatabindWrites(List<Entry> entries) {
    StringWriter streamed = new StringWriter();
    JsonStream.write(
        new PrintWriter(streamed), g -> VersionsRenderer.writeDocument(g, "acme", entries));
    StringWriter databind = new StringWriter();
    Json.print(
        new PrintWriter(databind),
        new Document(1, "acme", entries.stream().map(Shown::new).toList()));
    assertThat(streamed.toString()).isEqualTo(databind.toString());
  }
}
