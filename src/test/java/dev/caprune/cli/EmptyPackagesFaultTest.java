package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code delete --delete-empty-packages --sizes} under compound faults (5xx, lost answers, 409s,
 * partial answers; no throttling, which costs 1 s each and FaultMatrixTest covers) on every call —
 * the selection's listing, the sizes' ListPackageVersionAssets, the deletes, the emptiness check's
 * ListPackageVersions and DeletePackage — or only from the first delete on (so that the emptiness
 * checks and DeletePackage see faults with one attempt too, rather than the run ending at a failed
 * listing), over several random seeds, with one attempt and with the default:
 *
 * <ol>
 *   <li>every package reported deleted (or, after a lost answer, already gone) is gone, and every
 *       package gone is reported deleted, already gone or of unknown outcome; a package reported
 *       failed is still there;
 *   <li>no package that still held a version (in any status) was deleted;
 *   <li>the versions part of the report is exactly what changed, as in {@link FaultMatrixTest};
 *   <li>each version reported sized has the seeded bytes; one whose lookup failed is left out of
 *       {@code sizes} (never 0) and counted in {@code versionsUnsized};
 *   <li>the exit code is not 0 when anything (a version or a package) failed or is unknown.
 * </ol>
 *
 * <p>Seeds: {@code -Dcaprune.faultSeeds=N} (default 1 here, 4 runs, for the suite's time; {@code
 * packaging/fault-matrix.sh} runs the full matrix). Each run prints its figures on stdout.
 */
class EmptyPackagesFaultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double THROTTLE =
      0; // each would cost the sandbox's 1 s Retry-After: FaultMatrixTest has them
  private static final double FAIL = 0.2;
  private static final double LOST = 0.25;
  private static final double CONFLICT = 0.1;
  private static final double PARTIAL = 0.3;
  private static final int PACKAGES = 9;
  private static final int VERSIONS = 3;

  static Stream<Arguments> cases() {
    int seeds = Integer.getInteger("caprune.faultSeeds", 1);
    List<Arguments> all = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      for (String when : List.of("throughout", "from the first delete")) {
        for (String attempts : List.of("1", "5")) {
          all.add(Arguments.of(when, attempts, seed * 104_729L + attempts.hashCode()));
        }
      }
    }
    return all.stream();
  }

  /** The seeded size of one version of one package: two files, sizes distinct across the repo. */
  static long size(int pkg, int version) {
    return file(pkg, version, 0) + file(pkg, version, 1);
  }

  private static long file(int pkg, int version, int file) {
    return 1_000L * (pkg + 1) + 10L * version + 1 + file * 100_000L;
  }

  /**
   * {@code PACKAGES} npm packages in acme/faulty with versions {@code 1.0.0} to {@code 1.0.2} of
   * mixed statuses; every third package also holds {@code 2.0.0} (Published or Disposed), which the
   * selection {@code 1.0.*} leaves: those must survive, the others become empty.
   */
  static String seed() {
    StringBuilder p = new StringBuilder();
    String[] statuses = {"Published", "Unlisted", "Archived"};
    for (int i = 0; i < PACKAGES; i++) {
      p.append(i == 0 ? "" : ",")
          .append("{\"format\": \"npm\", \"name\": \"pkg-")
          .append(i)
          .append("\", \"versions\": [");
      for (int v = 0; v < VERSIONS; v++) {
        p.append(v == 0 ? "" : ",")
            .append("{\"version\": \"1.0.")
            .append(v)
            .append("\", \"status\": \"")
            .append(statuses[(i + v) % 3])
            .append("\", \"publishedTime\": \"2024-01-0")
            .append(v + 1)
            .append("T00:00:00Z\", \"assets\": [")
            .append(asset("pkg-" + i + "-1.0." + v + ".tgz", file(i, v, 0)))
            .append(",")
            .append(asset("pkg-" + i + "-1.0." + v + ".sig", file(i, v, 1)))
            .append("]}");
      }
      if (i % 3 == 0) {
        p.append(",{\"version\": \"2.0.0\", \"status\": \"")
            .append(i % 2 == 0 ? "Disposed" : "Published")
            .append("\", \"publishedTime\": \"2024-02-01T00:00:00Z\"}");
      }
      p.append("]}");
    }
    return "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"faulty\", \"packages\":"
        + " ["
        + p
        + "]}]}]}";
  }

  private static String asset(String name, long size) {
    return "{\"name\": \"" + name + "\", \"size\": " + size + "}";
  }

  private static String[] command(String attempts) {
    return new String[] {
      "delete",
      "--domain",
      "acme",
      "--repository",
      "faulty",
      "--version",
      "1.0.*",
      "--no-protect-latest",
      "--delete-empty-packages",
      "--sizes",
      "--max-attempts",
      attempts,
      "--yes",
      "-o",
      "json"
    };
  }

  private static void rates(Sandbox s, boolean on) {
    rates(s, on ? 1 : 0);
  }

  private static void rates(Sandbox s, double times) {
    s.setThrottleRate(THROTTLE * times);
    s.setFailRate(FAIL * times);
    s.setLostReplyRate(LOST * times);
    s.setConflictRate(CONFLICT * times);
    s.setPartialRate(PARTIAL * times);
  }

  /**
   * @param when faults "throughout", or "from the first delete" (the listings and sizes clean, then
   *     a fifth more: the deletes, the emptiness checks and DeletePackage take them all)
   */
  @ParameterizedTest(name = "faults {0}, --max-attempts {1}, seed {2}")
  @MethodSource("cases")
  void theReportIsExactlyWhatChanged(String when, String attempts, long seed) throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seed()).randomSeed(seed).start())) {
      JsonNode stateBefore = h.state();
      Map<String, String> before = FaultMatrixTest.statuses(stateBefore);
      Set<String> packagesBefore = packages(stateBefore);
      if (when.equals("throughout")) {
        rates(h.sandbox, true);
      } else {
        // Drawn before the hook runs: the first delete is clean, every call after it is not.
        h.sandbox.beforeNextCall("DeletePackageVersions", () -> rates(h.sandbox, 1.2));
      }
      CliResult r = h.run(command(attempts));
      rates(h.sandbox, false);
      JsonNode stateAfter = h.state();
      Map<String, String> after = FaultMatrixTest.statuses(stateAfter);
      Set<String> packagesAfter = packages(stateAfter);
      assertThat(r.exitCode()).as(r::toString).isIn(0, 1, 3);
      FaultMatrixTest.Report report = FaultMatrixTest.Report.of(r);

      // (3) The versions: exactly what changed.
      Set<String> changed = new HashSet<>();
      for (var e : before.entrySet()) {
        if (!e.getValue().equals(after.get(e.getKey()))) {
          changed.add(e.getKey());
        }
      }
      Set<String> done = new HashSet<>(report.succeeded);
      done.addAll(report.alreadyDone);
      assertThat(changed).as(r::toString).isSubsetOf(report.selected);
      assertThat(done).as(r::toString).isSubsetOf(changed);
      Set<String> doneOrUnknown = new HashSet<>(done);
      doneOrUnknown.addAll(report.unknown);
      assertThat(changed).as(r::toString).isSubsetOf(doneOrUnknown);
      for (String f : report.failed) {
        assertThat(changed).as(r::toString).doesNotContain(f);
      }
      if (report.unknown.isEmpty()) {
        assertThat(done).as(r::toString).isEqualTo(changed);
      }

      // (1) The packages: what the report says was deleted is exactly what went.
      Map<String, String> results = new HashMap<>();
      for (JsonNode p : report.doc.path("emptyPackages")) {
        String key =
            String.join(
                "|",
                p.path("repository").asText(),
                p.path("format").asText(),
                p.path("namespace").asText(""),
                p.path("package").asText());
        assertThat(results.put(key, p.path("result").asText())).as("once: " + key).isNull();
      }
      Set<String> gone = new TreeSet<>(packagesBefore);
      gone.removeAll(packagesAfter);
      assertThat(packagesAfter).as("nothing appears").isSubsetOf(packagesBefore);
      for (var e : results.entrySet()) {
        switch (e.getValue()) {
          // Nobody else deletes here: already gone is this run's DeletePackage, answer lost.
          case "deleted", "alreadyGone" -> assertThat(gone).as(r::toString).contains(e.getKey());
          case "failed" -> assertThat(packagesAfter).as(r::toString).contains(e.getKey());
          case "outcomeUnknown" -> {}
          default ->
              throw new AssertionError(
                  e.getKey() + ": unexpected result " + e.getValue() + " in\n" + r);
        }
      }
      for (String g : gone) {
        assertThat(results.get(g))
            .as(g + " went: reported deleted, already gone or unknown\n" + r)
            .isIn("deleted", "alreadyGone", "outcomeUnknown");
      }
      // (2) No package that held a version went: each gone package's versions all went.
      for (String g : gone) {
        for (String v : before.keySet()) {
          if (v.startsWith(g + "|")) {
            assertThat(v).as(g + " went with a version left\n" + r).doesNotEndWith("|2.0.0");
            assertThat(after).as(r::toString).doesNotContainKey(v);
          }
        }
      }

      // (4) Sizes: the seeded bytes for each version sized; the rest left out, and counted.
      long unsizedActedOn = 0;
      long bytes = 0;
      for (JsonNode p : report.doc.path("packages")) {
        int i = Integer.parseInt(p.path("package").asText().substring("pkg-".length()));
        Set<String> selected = new HashSet<>();
        p.path("selected").forEach(v -> selected.add(v.asText()));
        JsonNode sizes = p.path("sizes");
        sizes
            .fieldNames()
            .forEachRemaining(
                v -> {
                  assertThat(selected).as(r::toString).contains(v);
                  int n = Integer.parseInt(v.substring("1.0.".length()));
                  assertThat(sizes.path(v).asLong()).as(v + " of pkg-" + i).isEqualTo(size(i, n));
                });
        for (var it = p.path("successfulVersions").fieldNames(); it.hasNext(); ) {
          String v = it.next();
          if (sizes.has(v)) {
            bytes += sizes.path(v).asLong();
          } else {
            unsizedActedOn++;
          }
        }
      }
      JsonNode summary = report.doc.path("summary");
      assertThat(summary.path("bytes").asLong()).as(r::toString).isEqualTo(bytes);
      assertThat(summary.path("versionsUnsized").asLong())
          .as(r::toString)
          .isEqualTo(unsizedActedOn);

      // The figures packaging/fault-matrix.sh prints.
      System.out.printf(
          "empty packages, faults %s, --max-attempts %s, seed %d: exit %d; packages gone %d (reported"
              + " deleted %d, already gone %d, unknown %d, failed %d); versions unknown %d, failed %d,"
              + " unsized %d%n",
          when,
          attempts,
          seed,
          r.exitCode(),
          gone.size(),
          results.values().stream().filter("deleted"::equals).count(),
          results.values().stream().filter("alreadyGone"::equals).count(),
          results.values().stream().filter("outcomeUnknown"::equals).count(),
          results.values().stream().filter("failed"::equals).count(),
          report.unknown.size(),
          report.failed.size(),
          unsizedActedOn);

      // (5) Anything failed or unknown, versions or packages: not exit 0.
      boolean trouble =
          !report.failed.isEmpty()
              || !report.unknown.isEmpty()
              || results.containsValue("failed")
              || results.containsValue("outcomeUnknown");
      if (trouble) {
        assertThat(r.exitCode()).as(r::toString).isNotZero();
      }
      if (!report.unknown.isEmpty() || results.containsValue("outcomeUnknown")) {
        assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      }
    }
  }

  /**
   * DeletePackage's answer lost: the JDK's HTTP client sends a DELETE again on its own when the
   * connection closes without an answer, and that second call finds the package gone (404). That
   * 404 cannot tell this run's first sending from another client's delete: the report says
   * alreadyGone, with the reason, not deleted (which means "this run's call answered success"); the
   * run did what was asked, exit 0.
   */
  @Test
  void aDeletePackageWhoseAnswerIsLostIsAlreadyGone() throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seed()).randomSeed(1).start())) {
      // The selection's listing of pkg-1, then the emptiness check: the check arms a lost answer
      // for the next call (DeletePackage, drawn after it), which disarms it when it runs.
      h.sandbox.beforeNextCall("ListPackageVersions", () -> {});
      h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setLostReplyRate(1));
      h.sandbox.beforeNextCall("DeletePackage", () -> h.sandbox.setLostReplyRate(0));
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "faulty",
              "--package",
              "pkg-1",
              "--version",
              "1.0.*",
              "--no-protect-latest",
              "--delete-empty-packages",
              "--yes",
              "-o",
              "json");
      assertThat(h.sandbox.lostReplies()).as(r::toString).isEqualTo(1);
      assertThat(packages(h.state())).doesNotContain("faulty|npm||pkg-1");
      JsonNode doc = JSON.readTree(r.out());
      assertThat(doc.path("emptyPackages").path(0).path("result").asText())
          .as(r + "\nDeletePackage calls: " + h.calls("DeletePackage"))
          .isEqualTo("alreadyGone");
      assertThat(doc.path("emptyPackages").path(0).path("message").asText())
          .as(r::toString)
          .contains("answer was lost");
      assertThat(r.exitCode()).as(r::toString).isZero();
    }
  }

  /**
   * DeletePackage answered 500 (and the check that follows failing too): the package's outcome is
   * unknown, and the run does not end with exit 0 although every version was deleted.
   */
  @Test
  void aPackageOfUnknownOutcomeIsNotExitZero() throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().seedJson(seed()).randomSeed(1).start())) {
      h.sandbox.beforeNextCall("ListPackageVersions", () -> {});
      h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setFailRate(1));
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "faulty",
              "--package",
              "pkg-1",
              "--version",
              "1.0.*",
              "--no-protect-latest",
              "--delete-empty-packages",
              "--max-attempts",
              "1",
              "--yes",
              "-o",
              "json");
      h.sandbox.setFailRate(0);
      JsonNode doc = JSON.readTree(r.out());
      assertThat(doc.path("summary").path("succeeded").asInt()).as(r::toString).isEqualTo(3);
      assertThat(doc.path("emptyPackages").path(0).path("result").asText())
          .as(r::toString)
          .isEqualTo("outcomeUnknown");
      assertThat(packages(h.state())).contains("faulty|npm||pkg-1");
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    }
  }

  /**
   * The emptiness check's listing holds a version of a status this caprune does not know (one the
   * service added later): the package is not empty, so DeletePackage is never sent.
   */
  @Test
  void aVersionOfAnUnknownStatusKeepsItsPackage() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
    try (HostileServer server = HostileServer.start()) {
      server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
      var later = HostileServer.versions("npm", "left-pad", null, "3.0.0");
      ((com.fasterxml.jackson.databind.node.ObjectNode) later.path("versions").get(0))
          .put("status", "Quarantined");
      server.on(
          "ListPackageVersions",
          Reply.json(200, HostileServer.versions("npm", "left-pad", "1.1.0", "1.0.0", "1.1.0")),
          Reply.json(200, later));
      server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
      server.on("DeletePackage", Reply.json(200, "{}"));
      CliResult r =
          Runs.run(
              Runs.context(),
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--version",
              "1.*",
              "--no-protect-latest",
              "--delete-empty-packages",
              "--max-attempts",
              "1",
              "--yes",
              "-o",
              "json",
              "--region",
              "us-east-1",
              "--endpoint-url",
              server.endpoint().toString());
      assertThat(server.requests("DeletePackageVersions")).as(r::toString).hasSize(1);
      assertThat(server.requests("DeletePackage")).as(r::toString).isEmpty();
      assertThat(JSON.readTree(r.out()).path("emptyPackages").isMissingNode())
          .as(r::toString)
          .isTrue();
    }
  }

  /** repo|format|ns|package of every package in the state, versions or none. */
  static Set<String> packages(JsonNode state) {
    Set<String> out = new TreeSet<>();
    for (JsonNode d : state.path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          out.add(
              String.join(
                  "|",
                  r.path("name").asText(),
                  p.path("format").asText(),
                  p.path("namespace").asText(""),
                  p.path("name").asText()));
        }
      }
    }
    return out;
  }
}
