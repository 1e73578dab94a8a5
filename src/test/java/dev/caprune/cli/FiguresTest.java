package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Figures that add up, against the demo sandbox: {@code versions --sizes} sizes every row it lists
 * (the protected latest too), so that the total covers the rows; a version a time filter selected
 * without its publish time says which cut-off it precedes; explain's summary counts the rows it
 * says were kept.
 */
class FiguresTest {
  private static SandboxHarness h;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().demo(SandboxHarness.NOW).start());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static CliResult versions(String... rest) {
    List<String> all =
        new ArrayList<>(List.of("versions", "--domain", "acme", "--repository", "releases"));
    all.addAll(List.of(rest));
    CliResult r = h.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r::toString).isZero();
    return r;
  }

  @Test
  void everyListedVersionHasItsSizeTheProtectedLatestToo() throws Exception {
    JsonNode doc =
        JSON.readTree(versions("--package", "@acme/ui-kit", "--sizes", "-o", "json").out());
    JsonNode rows = doc.get("versions");
    assertThat(rows.size()).isGreaterThan(1);
    long protectedRows = 0;
    for (JsonNode row : rows) {
      assertThat(row.hasNonNull("size")).as(row.toString()).isTrue();
      protectedRows += row.get("protected").isNull() ? 0 : 1;
    }
    assertThat(protectedRows).as("the latest, protected, is listed").isPositive();
    String table = versions("--package", "@acme/ui-kit", "--sizes").out();
    List<String> lines = table.lines().toList();
    int sizeAt = lines.get(0).indexOf("SIZE");
    assertThat(sizeAt).isPositive();
    for (String row : lines.subList(1, lines.indexOf(""))) {
      assertThat(row.substring(sizeAt).strip()).as(row).matches("\\d.*B.*");
    }
  }

  @Test
  void aVersionSelectedByAgeWithoutItsTimeShowsTheCutOff() throws Exception {
    String cutOff = SandboxHarness.NOW.minus(Duration.ofDays(200)).toString();
    JsonNode doc =
        JSON.readTree(
            versions("--package", "@acme/ui-kit", "--older-than", "200d", "-o", "json").out());
    int withoutTime = 0;
    for (JsonNode row : doc.get("versions")) {
      if (row.get("publishedTime").isNull()) {
        withoutTime++;
        assertThat(row.get("publishedBefore").asText()).as(row.toString()).isEqualTo(cutOff);
      } else {
        assertThat(row.has("publishedBefore")).as(row.toString()).isFalse();
      }
    }
    assertThat(withoutTime).as("the age search described only some versions").isPositive();
    String table = versions("--package", "@acme/ui-kit", "--older-than", "200d").out();
    assertThat(table).contains("before " + cutOff).doesNotContainPattern("(?m)\\s-\\s+$");
  }

  @Test
  void explainsSummaryCountsTheRowsItSaysWereKept() {
    String out =
        versions(
                "--package",
                "@acme/ui-kit",
                "--keep-latest",
                "5",
                "--older-than",
                "60d",
                "--explain")
            .out();
    long kept =
        out.lines().filter(l -> l.contains(" kept: ") || l.contains(" protected: ")).count();
    assertThat(kept).isPositive();
    assertThat(out).contains("; " + kept + " protected");
  }
}
