package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code caprune usage}: storage by package, the seeded sizes exactly, largest first. */
class UsageCommandTest {
  private SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        new SandboxHarness(
            Sandbox.builder()
                .seedJson(
                    """
                    {"domains": [{"name": "acme", "repositories": [
                      {"name": "releases", "packages": [
                        {"format": "npm", "name": "small", "versions": [
                          {"version": "1.0.0", "publishedTime": "2025-01-01T00:00:00Z",
                           "assets": [{"name": "s.tgz", "size": 10}]}]},
                        {"format": "npm", "name": "big", "versions": [
                          {"version": "1.0.0", "publishedTime": "2024-01-01T00:00:00Z",
                           "assets": [{"name": "b1", "size": 1000},
                                      {"name": "same", "size": 50, "hashes": {"MD5": "%1$s"}}]},
                          {"version": "1.1.0", "status": "Unlisted",
                           "publishedTime": "2024-06-01T00:00:00Z",
                           "assets": [{"name": "same", "size": 50, "hashes": {"MD5": "%1$s"}}]},
                          {"version": "2.0.0", "status": "Disposed",
                           "publishedTime": "2025-02-01T00:00:00Z"}]},
                        {"format": "npm", "name": "empty", "versions": []}]}]}]}
                    """
                        .formatted("ab".repeat(16)))
                .start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void showsEachPackagesStorageLargestFirstWithTheCostUpFront() throws Exception {
    CliResult r = h.run("usage", "--domain", "acme", "--repository", "releases", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.err()).contains("one ListPackageVersionAssets call per version");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    JsonNode first = doc.path("packages").get(0);
    assertThat(first.path("package").asText()).isEqualTo("big");
    assertThat(first.path("versions").asInt()).isEqualTo(3);
    assertThat(first.path("bytes").asLong()).isEqualTo(1100);
    assertThat(first.path("oldestPublished").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(first.path("newestPublished").asText()).isEqualTo("2025-02-01T00:00:00Z");
    assertThat(doc.path("packages").get(1).path("bytes").asLong()).isEqualTo(10);
    assertThat(doc.path("packages").get(2).path("package").asText()).isEqualTo("empty");
    assertThat(doc.path("summary").path("bytes").asLong()).isEqualTo(1110);
    assertThat(doc.path("summary").path("storedBytes").asLong()).isEqualTo(1060);
    // One asset listing per version, none for the empty package.
    assertThat(h.calls("ListPackageVersionAssets")).isEqualTo(4);
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void topShowsTheLargestAndCountsAll() {
    CliResult r = h.run("usage", "--domain", "acme", "--repository", "releases", "--top", "1");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(r.out())
        .contains("big")
        .doesNotContain("small")
        .contains("The largest 1 of 3 packages, 4 versions in all: 1.0 KiB (1,060 bytes) stored");
  }

  @Test
  void tableAndJsonArePinned() {
    CliResult table = h.run("usage", "--domain", "acme", "--repository", "releases");
    assertThat(table.exitCode()).as(table::toString).isZero();
    Golden.assertMatches("usage.txt", table.out());
    CliResult json = h.run("usage", "--domain", "acme", "--repository", "releases", "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    Golden.assertMatches("usage.json", json.out());
  }

  @Test
  void badTopIsExitTwoWithNoCall() {
    CliResult r = h.run("usage", "--domain", "acme", "--repository", "releases", "--top", "0");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(2);
    assertThat(h.totalCalls()).isZero();
  }
}
