package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.execute.Memory;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.Records;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages admitted by memory: with a budget of one page of versions, big packages are listed one
 * at a time while small ones pass between them, and the run does exactly what it says.
 */
class MemoryAdmissionTest {
  private static final int BIG = 3;
  private static final int BIG_VERSIONS = 2_500; // three pages
  private static final int SMALL = 12;
  private static final int SMALL_VERSIONS = 20;
  private static final int KEEP = 2;

  /** One ListPackageVersions page of versions. */
  private static final long BUDGET = 1_000 * Memory.BYTES_PER_VERSION;

  private static final Pattern STATS =
      Pattern.compile(
          "memory: budget (\\d+) bytes, peak (\\d+) bytes charged, at most (\\d+) package\\(s\\)"
              + " over the budget at once, (\\d+) wait\\(s\\), largest package (\\d+) versions");

  private String before;

  @BeforeEach
  void tinyBudget() {
    before = System.getProperty(Memory.BUDGET_PROPERTY);
    System.setProperty(Memory.BUDGET_PROPERTY, Long.toString(BUDGET));
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(Memory.BUDGET_PROPERTY);
    } else {
      System.setProperty(Memory.BUDGET_PROPERTY, before);
    }
  }

  /** Big and small packages interleaved by name, so that small ones arrive while big ones list. */
  private static String seed() {
    StringBuilder s =
        new StringBuilder(
            "{\"domains\": [{\"name\": \"acme\", \"owner\": \"111122223333\", \"repositories\":"
                + " [{\"name\": \"releases\", \"packages\": [");
    boolean first = true;
    for (int p = 0; p < BIG + SMALL; p++) {
      boolean big = p % 5 == 0;
      int versions = big ? BIG_VERSIONS : SMALL_VERSIONS;
      if (!first) {
        s.append(',');
      }
      first = false;
      s.append("{\"format\": \"npm\", \"name\": \"pkg-")
          .append(String.format("%02d", p))
          .append(big ? "-big" : "")
          .append("\", \"versions\": [");
      for (int v = 0; v < versions; v++) {
        if (v > 0) {
          s.append(',');
        }
        s.append("{\"version\": \"1.0.")
            .append(v)
            .append("\", \"publishedTime\": \"2024-01-01T00:00:00Z\", \"revision\": \"r-")
            .append(p)
            .append('-')
            .append(v)
            .append("\"}");
      }
      s.append("]}");
    }
    return s.append("]}]}]}").toString();
  }

  @Test
  void bigPackagesGoOneAtATimeAndTheRunDoesExactlyWhatItReports() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().seedJson(seed()).start());
        LogCapture log = LogCapture.attach()) {
      Set<String> before = SandboxState.versions(h.state());
      assertThat(before).hasSize(BIG * BIG_VERSIONS + SMALL * SMALL_VERSIONS);
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--all",
              "--keep-latest",
              Integer.toString(KEEP),
              "--no-protect-latest",
              "--yes",
              "-o",
              "ndjson",
              "-vv");
      assertThat(r.exitCode()).as(r::toString).isZero();

      Set<String> after = SandboxState.versions(h.state());
      Set<String> gone = gone(before, after);
      assertThat(Records.versionKeys(r.out())).as("the report is what changed").isEqualTo(gone);
      // Every package keeps exactly its newest KEEP versions; nothing else was touched.
      assertThat(gone).hasSize(BIG * (BIG_VERSIONS - KEEP) + SMALL * (SMALL_VERSIONS - KEEP));
      for (String key : gone) {
        String pkg = key.split("\\|")[3];
        int n = pkg.endsWith("-big") ? BIG_VERSIONS : SMALL_VERSIONS;
        int v = Integer.parseInt(key.split("\\|")[4].substring("1.0.".length()));
        assertThat(v).as(key).isLessThan(n - KEEP);
      }
      assertThat(h.calls("DeletePackageVersions")).isPositive();

      Matcher m = STATS.matcher(log.text());
      assertThat(m.find()).as(log.text()).isTrue();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(BUDGET);
      assertThat(Integer.parseInt(m.group(3)))
          .as("at most one package held more than the budget at once")
          .isEqualTo(1);
      assertThat(Long.parseLong(m.group(2)))
          .as("the budget, plus one big package over it")
          .isLessThanOrEqualTo(BUDGET + BIG_VERSIONS * Memory.BYTES_PER_VERSION);
      assertThat(Long.parseLong(m.group(4))).as("packages waited for memory").isPositive();
      assertThat(Long.parseLong(m.group(5))).isEqualTo(BIG_VERSIONS);
    }
  }

  @Test
  void aDryRunWithTheTinyBudgetSelectsWhatAnUnboundedOneDoes() throws Exception {
    String[] args = {
      "delete",
      "--domain",
      "acme",
      "--repository",
      "releases",
      "--all",
      "--keep-latest",
      "2",
      "--no-protect-latest",
      "--dry-run",
      "-o",
      "ndjson"
    };
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().seedJson(seed()).start())) {
      CliResult tiny = h.run(args);
      System.setProperty(Memory.BUDGET_PROPERTY, Long.toString(Long.MAX_VALUE / 2));
      CliResult unbounded = h.run(args);
      assertThat(tiny.exitCode()).as(tiny::toString).isZero();
      assertThat(Records.versionKeys(tiny.out()))
          .hasSize(BIG * (BIG_VERSIONS - KEEP) + SMALL * (SMALL_VERSIONS - KEEP))
          .isEqualTo(Records.versionKeys(unbounded.out()));
      assertThat(h.writeCalls()).isZero();
    }
  }

  @Test
  void aPolicyRunIsChargedPageByPageAndDoesExactlyWhatItReports(@TempDir Path dir)
      throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().seedJson(seed()).start());
        LogCapture log = LogCapture.attach()) {
      Path file = dir.resolve("policy.yaml");
      Files.writeString(
          file,
          """
          version: 1
          protectLatest: false
          targets:
            - {name: acme, domain: acme, repositories: [releases]}
          rules:
            - {name: trim, action: delete, keepLatest: %d}
          """
              .formatted(KEEP));
      Set<String> before = SandboxState.versions(h.state());
      CliResult r = h.run("policy", "run", file.toString(), "--yes", "-o", "ndjson", "-vv");
      assertThat(r.exitCode()).as(r::toString).isZero();

      Set<String> gone = gone(before, SandboxState.versions(h.state()));
      assertThat(Records.versionKeys(r.out())).as("the report is what changed").isEqualTo(gone);
      assertThat(gone).hasSize(BIG * (BIG_VERSIONS - KEEP) + SMALL * (SMALL_VERSIONS - KEEP));
      for (String key : gone) {
        String pkg = key.split("\\|")[3];
        int n = pkg.endsWith("-big") ? BIG_VERSIONS : SMALL_VERSIONS;
        int v = Integer.parseInt(key.split("\\|")[4].substring("1.0.".length()));
        assertThat(v).as(key).isLessThan(n - KEEP);
      }

      Matcher m = STATS.matcher(log.text());
      assertThat(m.find()).as(log.text()).isTrue();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(BUDGET);
      // Charged as each page came, a big package waits before it is listed whole: never two at
      // once over the budget, however the workers interleave them.
      assertThat(Integer.parseInt(m.group(3)))
          .as("at most one package held more than the budget at once")
          .isEqualTo(1);
      assertThat(Long.parseLong(m.group(2)))
          .as("the budget, plus one big package over it")
          .isLessThanOrEqualTo(BUDGET + BIG_VERSIONS * Memory.BYTES_PER_VERSION);
      assertThat(Long.parseLong(m.group(4))).as("packages waited for memory").isPositive();
    }
  }

  private static Set<String> gone(Set<String> before, Set<String> after) {
    Set<String> present = new TreeSet<>();
    for (String line : after) {
      if (!line.split("\\|")[5].equals("Deleted")) {
        present.add(SandboxState.key(line));
      }
    }
    Set<String> gone = new TreeSet<>();
    for (String line : before) {
      if (!present.contains(SandboxState.key(line))) {
        gone.add(SandboxState.key(line));
      }
    }
    return gone;
  }
}
