package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole dry runs through the real SDK against the sandbox, each made twice: with a budget so small
 * that every package leaves the heap ({@value Memory#BUDGET_PROPERTY}=1), and as usual. Random
 * repositories (every format, odd versions, every status and origin) and random criteria of the
 * kinds selected off the heap: the same report, byte for byte, the same warnings, the same exit
 * code; and the temporary files are gone after each run.
 */
class OffHeapReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FORMATS = {
    "npm", "pypi", "maven", "nuget", "generic", "ruby", "swift", "cargo"
  };
  private static final int SEEDS = Integer.getInteger("caprune.offHeapReportSeeds", 12);

  @AfterEach
  void restore() {
    System.clearProperty(Memory.BUDGET_PROPERTY);
    System.clearProperty(SpillDirectory.LIMIT_PROPERTY);
  }

  @Test
  void aDryRunOffTheHeapReportsExactlyWhatItReportsInMemory() throws Exception {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      try (SandboxHarness h =
          new SandboxHarness(
              Sandbox.builder().seedJson(seedJson(random, 1 + random.nextInt(4))).start())) {
        List<String> criteria = criteria(random);
        for (String format : new String[] {"ndjson", "csv"}) {
          List<String> args =
              new ArrayList<>(
                  List.of(
                      "delete",
                      "--domain",
                      "acme",
                      "--repository",
                      "releases",
                      "--dry-run",
                      "-o",
                      format,
                      "-q",
                      "--concurrency",
                      "1"));
          args.addAll(criteria);
          CliResult inMemory = h.run(args.toArray(String[]::new));
          SpillDirectory.resetPeak();
          System.setProperty(Memory.BUDGET_PROPERTY, "1");
          CliResult offHeap;
          try {
            offHeap = h.run(args.toArray(String[]::new));
          } finally {
            System.clearProperty(Memory.BUDGET_PROPERTY);
          }
          String what = "seed " + seed + " " + args + "\n" + inMemory + "\n" + offHeap;
          assertThat(SpillDirectory.usage()[1]).as("it left the heap: " + what).isPositive();
          assertThat(SpillDirectory.usage()[0]).as("its files are gone").isZero();
          assertThat(leftInDirectory()).as("its files are gone").isEmpty();
          assertThat(offHeap.exitCode()).as(what).isEqualTo(inMemory.exitCode());
          assertThat(offHeap.out()).as(what).isEqualTo(inMemory.out());
          assertThat(offHeap.err()).as(what).isEqualTo(inMemory.err());
        }
      }
    }
  }

  @Test
  void atTheDefaultConcurrencyEachPackageHasTheSameLinesInTheSameOrder() throws Exception {
    Random random = new Random(42);
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seedJson(random, 6)).start())) {
      String[] args = {
        "delete",
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--all",
        "--keep-latest",
        "3",
        "--dry-run",
        "-o",
        "ndjson",
        "-q"
      };
      CliResult inMemory = h.run(args);
      System.setProperty(Memory.BUDGET_PROPERTY, "1");
      CliResult offHeap = h.run(args);
      assertThat(offHeap.exitCode()).as(offHeap::toString).isZero();
      assertThat(byPackage(offHeap.out())).isEqualTo(byPackage(inMemory.out()));
      assertThat(last(offHeap.out())).isEqualTo(last(inMemory.out())); // the summary: 6 packages
      assertThat(JSON.readTree(last(offHeap.out())).get("packages").asInt()).isEqualTo(6);
    }
  }

  @Test
  void aRealRunStaysInMemoryAndDeletesWhatItReports() throws Exception {
    Random random = new Random(7);
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seedJson(random, 2)).start())) {
      Set<String> before = SandboxState.versions(h.state());
      System.setProperty(Memory.BUDGET_PROPERTY, "1");
      SpillDirectory.resetPeak();
      long peak = SpillDirectory.usage()[1];
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--all",
              "--keep-latest",
              "2",
              "--yes",
              "-o",
              "ndjson",
              "-q");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(SpillDirectory.usage()[1]).as("nothing left the heap").isEqualTo(peak);
      Set<String> after = SandboxState.versions(h.state());
      Set<String> present = new java.util.TreeSet<>();
      for (String line : after) {
        if (!line.split("\\|")[5].equals("Deleted")) {
          present.add(SandboxState.key(line));
        }
      }
      Set<String> gone = new java.util.TreeSet<>();
      for (String line : before) {
        if (!present.contains(SandboxState.key(line))) {
          gone.add(SandboxState.key(line));
        }
      }
      assertThat(gone).isNotEmpty();
      assertThat(dev.caprune.testing.Records.versionKeys(r.out())).isEqualTo(gone);
    }
  }

  @Test
  void criteriaOnePassCannotDecideKeepThePackageInMemoryAndTheLineSaysSo() throws Exception {
    Random random = new Random(5);
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seedJson(random, 1, 50)).start())) {
      System.setProperty(Memory.BUDGET_PROPERTY, "1");
      SpillDirectory.resetPeak();
      long peak = SpillDirectory.usage()[1];
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--older-than",
              "1d",
              "--dry-run",
              "-o",
              "ndjson",
              "-q");
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(SpillDirectory.usage()[1]).as("nothing left the heap").isEqualTo(peak);
      assertThat(Memory.latest()).contains("a time window (--older-than");
    }
  }

  @Test
  void aFullDiskIsOneLineAndAFailedRunNeverAWrongReport() throws Exception {
    Random random = new Random(3);
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seedJson(random, 1, 300)).start())) {
      System.setProperty(Memory.BUDGET_PROPERTY, "1");
      System.setProperty(SpillDirectory.LIMIT_PROPERTY, "2000");
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--all",
              "--dry-run",
              "-o",
              "ndjson",
              "-q");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(dev.caprune.run.ExitCodes.RUNTIME);
      assertThat(r.err().lines().toList()).as(r::toString).hasSize(1);
      assertThat(r.err())
          .contains("cannot write its listing to")
          .contains("No space left on device")
          .contains("-Djava.io.tmpdir=DIR");
      // No version line: the summary alone, which says the run failed and selected nothing.
      assertThat(r.out().lines().toList()).as(r::toString).hasSize(1);
      JsonNode summary = JSON.readTree(r.out());
      assertThat(summary.get("selected").asInt()).isZero();
      assertThat(SpillDirectory.usage()[0]).isZero();
      assertThat(leftInDirectory()).isEmpty();
    }
  }

  @Test
  void theDiskHoldsAtMostThreeCopiesOfTheListingAtOnce() throws Exception {
    Random random = new Random(11);
    int versions = 3000;
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seedJson(random, 1, versions)).start())) {
      System.setProperty(Memory.BUDGET_PROPERTY, "1");
      SpillDirectory.resetPeak();
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--all",
              "--no-protect-latest",
              "--dry-run",
              "-o",
              "ndjson",
              "-q");
      assertThat(r.exitCode()).as(r::toString).isZero();
      long peak = SpillDirectory.usage()[1];
      // A record: 4 bytes of place, the version and its length, 1 of flags, 32 of revision.
      long record = 4 + 1 + "1.10.100".length() + 1 + 32;
      assertThat(peak)
          .isGreaterThan(2L * versions * 30)
          .isLessThanOrEqualTo(3L * versions * record);
    }
  }

  private static List<Path> leftInDirectory() throws Exception {
    Path dir = SpillDirectory.directory();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static String last(String out) {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  private static Map<String, List<String>> byPackage(String out) throws Exception {
    Map<String, List<String>> map = new java.util.TreeMap<>();
    for (String line : out.lines().toList()) {
      JsonNode n = JSON.readTree(line);
      if ("version".equals(n.path("type").asText())) {
        map.computeIfAbsent(n.get("package").asText(), k -> new ArrayList<>()).add(line);
      }
    }
    return map;
  }

  // ---- random repositories and criteria ----

  static String seedJson(Random random, int packages) {
    return seedJson(random, packages, 0);
  }

  static String seedJson(Random random, int packages, int versions) {
    StringBuilder s =
        new StringBuilder(
            "{\"domains\": [{\"name\": \"acme\", \"owner\": \"111122223333\", \"repositories\":"
                + " [{\"name\": \"releases\", \"packages\": [");
    for (int p = 0; p < packages; p++) {
      String format = versions > 0 ? "npm" : FORMATS[random.nextInt(FORMATS.length)];
      if (p > 0) {
        s.append(',');
      }
      s.append("{\"format\": \"").append(format).append("\", ");
      if (format.equals("maven") || format.equals("generic") || format.equals("swift")) {
        s.append("\"namespace\": \"acme\", ");
      }
      s.append("\"name\": \"pkg-").append(p).append("\", \"versions\": [");
      int n = versions > 0 ? versions : 1 + random.nextInt(700);
      Map<String, Boolean> seen = new LinkedHashMap<>();
      int tries = 0;
      while (seen.size() < n && tries++ < 20 * n) {
        String v =
            versions > 0
                ? random.nextInt(10) + "." + random.nextInt(20) + "." + random.nextInt(100)
                : OffHeapSelectionTest.version(
                    random, dev.caprune.select.Format.fromWire(format).orElseThrow());
        if (v.isEmpty() || seen.putIfAbsent(v, true) != null) {
          continue;
        }
        if (seen.size() > 1) {
          s.append(',');
        }
        byte[] rev = new byte[32];
        random.nextBytes(rev);
        String[] statuses = {
          "Published", "Published", "Published", "Unlisted", "Archived", "Disposed"
        };
        String[] origins = {"INTERNAL", "INTERNAL", "EXTERNAL", "UNKNOWN"};
        s.append("{\"version\": ")
            .append(JSON.valueToTree(v).toString())
            .append(", \"status\": \"")
            .append(statuses[random.nextInt(statuses.length)])
            .append("\", \"origin\": \"")
            .append(origins[random.nextInt(origins.length)])
            .append("\", \"revision\": \"")
            .append(Base64.getEncoder().encodeToString(rev))
            .append("\", \"publishedTime\": \"2024-01-0")
            .append(1 + random.nextInt(9))
            .append("T00:00:")
            .append(10 + random.nextInt(50))
            .append("Z\"}");
      }
      s.append("]}");
    }
    return s.append("]}]}]}").toString();
  }

  private static List<String> criteria(Random random) {
    List<String> c = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      c.add("--status");
      c.add(new String[] {"published", "unlisted", "archived"}[random.nextInt(3)]);
    }
    if (random.nextInt(5) == 0) {
      c.add("--origin");
      c.add(random.nextBoolean() ? "internal" : "external");
    }
    if (random.nextInt(5) == 0) {
      c.add("--version");
      c.add(random.nextInt(3) + ".*");
    }
    if (random.nextInt(6) == 0) {
      c.add("--version-regex");
      c.add("^[0-9]+\\.[0-" + random.nextInt(10) + "]");
    }
    if (random.nextInt(6) == 0) {
      c.add("--exclude-version");
      c.add("*" + random.nextInt(10));
    }
    int pre = random.nextInt(8);
    if (pre == 0) {
      c.add("--only-prerelease");
    } else if (pre == 1) {
      c.add("--exclude-prerelease");
    }
    if (random.nextBoolean()) {
      c.add("--keep-latest");
      c.add(Integer.toString(random.nextInt(6)));
      int per = random.nextInt(3);
      if (per > 0) {
        c.add("--keep-latest-per");
        c.add(per == 1 ? "major" : "minor");
      }
    }
    if (random.nextInt(4) == 0) {
      c.add("--no-protect-latest");
    }
    c.add("--all");
    return c;
  }
}
