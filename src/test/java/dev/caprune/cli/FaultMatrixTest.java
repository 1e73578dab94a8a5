package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact record under compound faults: for every command that writes, with one attempt and with
 * the default, over several random seeds, what the report says was done is exactly what changed in
 * the sandbox, nothing unselected changed, no version this run changed is reported as failed, and a
 * rerun without faults ends with exit 0 and the state of a run that never saw a fault.
 *
 * <p>Faults: throttling, 5xx, lost answers, 409 conflicts and partial answers, together.
 *
 * <p>Seeds: {@code -Dcaprune.faultSeeds=N} (default 1 here: 14 cases, each with a seed of its own,
 * for the suite's time; {@code packaging/fault-matrix.sh} runs the full matrix).
 */
public class FaultMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Each throttle costs the sandbox's Retry-After (1 s): kept low so the suite stays quick.
  private static final double THROTTLE = 0.1;
  private static final double FAIL = 0.15;
  private static final double LOST = 0.2;
  private static final double CONFLICT = 0.1;
  private static final double PARTIAL = 0.3;

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    int seeds = Integer.getInteger("caprune.faultSeeds", 1);
    List<Arguments> all = new ArrayList<>();
    for (String action :
        List.of("delete", "archive", "restore", "dispose", "apply", "policy", "policy-keep")) {
      for (String attempts : List.of("1", "5")) {
        for (int seed = 1; seed <= seeds; seed++) {
          all.add(Arguments.of(action, attempts, seed * 7919L + action.hashCode()));
        }
      }
    }
    return all.stream();
  }

  /** 10 packages x 12 versions of mixed statuses: several calls per package. */
  static String seed() {
    return seed(10, 10);
  }

  /**
   * {@code packages} npm packages in acme/faulty, 12 versions each of mixed statuses (so several
   * calls per package): {@code 1.0.0} to {@code 1.0.<n-1>}, then {@code 2.0.<n>} and up.
   */
  static String seed(int packages, int n) {
    return seed(packages, n, false);
  }

  /**
   * As {@link #seed(int, int)}; with {@code untimed}, every fourth version ({@code 1.0.3}, {@code
   * 1.0.7}, {@code 2.0.11}) has no publish time.
   */
  static String seed(int packages, int n, boolean untimed) {
    StringBuilder p = new StringBuilder();
    String[] statuses = {"Published", "Unlisted", "Archived"};
    for (int i = 0; i < packages; i++) {
      p.append(i == 0 ? "" : ",")
          .append("{\"format\": \"npm\", \"name\": \"pkg-")
          .append(i)
          .append("\", \"versions\": [");
      for (int v = 0; v < 12; v++) {
        p.append(v == 0 ? "" : ",")
            .append("{\"version\": \"")
            .append(v < n ? "1.0." : "2.0.")
            .append(v)
            .append("\", \"status\": \"")
            .append(statuses[(i + v) % 3])
            .append('"');
        if (!(untimed && untimed(v))) {
          p.append(", \"publishedTime\": \"2024-01-")
              .append(String.format("%02d", v + 1))
              .append("T00:00:00Z\"");
        }
        p.append('}');
      }
      p.append("]}");
    }
    return "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"faulty\", \"packages\":"
        + " ["
        + p
        + "]}]}]}";
  }

  /** The keys (as {@link #statuses}) of the versions without a publish time. */
  private static Set<String> untimedVersions(Set<String> keys) {
    Set<String> out = new HashSet<>();
    for (String k : keys) {
      String v = k.substring(k.lastIndexOf('|') + 1);
      if (untimed(Integer.parseInt(v.substring(v.lastIndexOf('.') + 1)))) {
        out.add(k);
      }
    }
    return out;
  }

  /** Whether version number {@code v} of {@link #seed(int, int, boolean)} has no publish time. */
  private static boolean untimed(int v) {
    return v % 4 == 3;
  }

  private static Sandbox sandbox(String action, long seed, boolean faults) throws Exception {
    Sandbox.Builder b =
        Sandbox.builder().seedJson(seed(10, 10, action.equals("policy-keep"))).randomSeed(seed);
    if (faults) {
      b.throttleRate(THROTTLE)
          .failRate(FAIL)
          .lostReplyRate(LOST)
          .conflictRate(CONFLICT)
          .partialRate(PARTIAL);
    }
    return b.start();
  }

  private String[] command(String action, String attempts, Path plan) {
    List<String> args = new ArrayList<>();
    if (action.equals("apply")) {
      args.addAll(List.of("apply", plan.toString()));
    } else if (action.startsWith("policy")) {
      args.addAll(List.of("policy", "run", plan.resolveSibling("retention.yaml").toString()));
    } else {
      args.addAll(
          List.of(
              action,
              "--domain",
              "acme",
              "--repository",
              "faulty",
              "--version",
              "1.0.*",
              "--no-protect-latest"));
    }
    args.addAll(List.of("--max-attempts", attempts, "--yes", "-o", "json"));
    return args.toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}, --max-attempts {1}, seed {2}")
  @MethodSource("cases")
  void theReportIsExactlyWhatChanged(String action, String attempts, long seed) throws Exception {
    Path plan = dir.resolve("plan.json");
    Set<String> cleanFinal;
    try (SandboxHarness clean = new SandboxHarness(sandbox(action, seed, false))) {
      makePlanIfApply(clean, action, plan);
      Map<String, String> before = statuses(clean.state());
      CliResult r = clean.run(command(action, attempts, plan));
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
      cleanFinal = SandboxState.versions(clean.state());
      if (action.equals("policy-keep")) {
        // Without faults the delete rule deletes the 1.0.x with a known time, and only those.
        Map<String, String> after = statuses(clean.state());
        Set<String> gone = new HashSet<>(before.keySet());
        gone.removeAll(after.keySet());
        Set<String> untimed = untimedVersions(before.keySet());
        assertThat(untimed).hasSize(30);
        assertThat(gone).hasSize(80).doesNotContainAnyElementsOf(untimed);
      }
    }
    try (SandboxHarness h = new SandboxHarness(sandbox(action, seed, true))) {
      h.sandbox.setThrottleRate(0);
      h.sandbox.setFailRate(0);
      h.sandbox.setLostReplyRate(0);
      h.sandbox.setConflictRate(0);
      h.sandbox.setPartialRate(0);
      makePlanIfApply(h, action, plan);
      h.sandbox.setThrottleRate(THROTTLE);
      h.sandbox.setFailRate(FAIL);
      h.sandbox.setLostReplyRate(LOST);
      h.sandbox.setConflictRate(CONFLICT);
      h.sandbox.setPartialRate(PARTIAL);
      Map<String, String> before = statuses(h.state());
      CliResult r = h.run(command(action, attempts, plan));
      Map<String, String> after = statuses(h.state());
      Report report = Report.of(r);
      assertThat(r.exitCode()).as(r::toString).isIn(0, 1, 3);

      Set<String> changed = new HashSet<>();
      for (var e : before.entrySet()) {
        if (!e.getValue().equals(after.get(e.getKey()))) {
          changed.add(e.getKey());
        }
      }
      assertThat(after.keySet()).as("nothing appears").isSubsetOf(before.keySet());
      Set<String> done = new HashSet<>(report.succeeded);
      done.addAll(report.alreadyDone);
      // Nothing unselected changed; nothing reported done is not done; nothing changed that the
      // report does not say was done or of unknown outcome; no failure is a change of this run.
      assertThat(changed).as(r::toString).isSubsetOf(report.selected);
      // Succeeded means changed by this run; and nobody else touches this sandbox, so a version
      // already done is one a lost answer left unclear (this run's own call changed it).
      assertThat(report.succeeded).as(r::toString).isSubsetOf(changed);
      assertThat(report.alreadyDoneCodes).as(r::toString).isSubsetOf(Set.of("ANSWER_LOST"));
      assertThat(done).as(r::toString).isSubsetOf(changed);
      Set<String> doneOrUnknown = new HashSet<>(done);
      doneOrUnknown.addAll(report.unknown);
      assertThat(changed).as(r::toString).isSubsetOf(doneOrUnknown);
      for (String f : report.failed) {
        assertThat(changed).as(r::toString).doesNotContain(f);
      }
      if (action.equals("policy-keep")) {
        // A keep rule's time window keeps what has no publish time: never sent to a write.
        Set<String> untimed = untimedVersions(before.keySet());
        assertThat(report.selected).as(r::toString).doesNotContainAnyElementsOf(untimed);
        assertThat(changed).as(r::toString).doesNotContainAnyElementsOf(untimed);
      }
      if (report.unknown.isEmpty()) {
        assertThat(done).as(r::toString).isEqualTo(changed);
      } else {
        assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      }
      // The summary counts agree with the maps.
      JsonNode summary = report.doc.path("summary");
      assertThat(summary.path("succeeded").asInt()).isEqualTo(report.succeeded.size());
      assertThat(summary.path("alreadyDone").asInt()).isEqualTo(report.alreadyDone.size());

      // A rerun without faults converges on the state of a run that never saw one.
      h.sandbox.setThrottleRate(0);
      h.sandbox.setFailRate(0);
      h.sandbox.setLostReplyRate(0);
      h.sandbox.setConflictRate(0);
      h.sandbox.setPartialRate(0);
      CliResult again = h.run(command(action, attempts, plan));
      assertThat(again.exitCode()).as(again::toString).isEqualTo(ExitCodes.OK);
      assertThat(SandboxState.versions(h.state()).stream().map(FaultMatrixTest::withoutRevision))
          .as(again::toString)
          .containsExactlyInAnyOrderElementsOf(
              cleanFinal.stream().map(FaultMatrixTest::withoutRevision).toList());
    }
  }

  private void makePlanIfApply(SandboxHarness h, String action, Path plan) throws Exception {
    if (action.equals("policy-keep")) {
      // A keep rule with a time window over versions without a publish time, then a delete rule.
      Files.writeString(
          plan.resolveSibling("retention.yaml"),
          String.format(
              """
              version: 1
              protectLatest: false
              targets:
                - name: faulty
                  domain: acme
                  endpointUrl: %s
                  repositories: [faulty]
              rules:
                - name: recent
                  action: keep
                  newerThan: 30d
                - name: the-rest
                  action: delete
                  version: "1.0.*"
              """,
              h.sandbox.endpoint()));
      return;
    }
    if (action.equals("policy")) {
      // Three actions from one listing: keep wins, then archive, then delete claims the rest.
      Files.writeString(
          plan.resolveSibling("retention.yaml"),
          String.format(
              """
              version: 1
              protectLatest: false
              targets:
                - name: faulty
                  domain: acme
                  endpointUrl: %s
                  repositories: [faulty]
              rules:
                - name: pinned
                  action: keep
                  version: "1.0.0"
                - name: some-archived
                  action: archive
                  version: ["1.0.1", "1.0.2", "1.0.3"]
                - name: the-rest
                  action: delete
                  version: "1.0.*"
              """,
              h.sandbox.endpoint()));
      return;
    }
    if (!action.equals("apply")) {
      return;
    }
    Files.deleteIfExists(plan);
    CliResult p =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "faulty",
            "--version",
            "1.0.*",
            "--no-protect-latest",
            "--save-plan",
            plan.toString());
    assertThat(p.exitCode()).as(p::toString).isEqualTo(ExitCodes.OK);
  }

  private static String withoutRevision(String line) {
    return line.substring(0, line.lastIndexOf('|'));
  }

  /** repo|format|ns|package|version → status. */
  public static Map<String, String> statuses(JsonNode state) {
    Map<String, String> m = new HashMap<>();
    for (String line : SandboxState.versions(state)) {
      String[] f = line.split("\\|", -1);
      m.put(SandboxState.key(line), f[5]);
    }
    return m;
  }

  /** The report's versions by result, keyed like {@link #statuses}. */
  static final class Report {
    final JsonNode doc;
    final Set<String> selected = new HashSet<>();
    final Set<String> succeeded = new HashSet<>();
    final Set<String> alreadyDone = new HashSet<>();
    final Set<String> alreadyDoneCodes = new HashSet<>();
    final Set<String> failed = new HashSet<>();
    final Set<String> unknown = new HashSet<>();

    private Report(JsonNode doc) {
      this.doc = doc;
    }

    static Report of(CliResult r) throws Exception {
      assertThat(r.out()).as(r::toString).isNotBlank();
      Report rep = new Report(JSON.readTree(r.out()));
      List<JsonNode> packages = new ArrayList<>();
      rep.doc.path("packages").forEach(packages::add);
      // A policy's report: per target.
      rep.doc.path("targets").forEach(t -> t.path("packages").forEach(packages::add));
      for (JsonNode p : packages) {
        String prefix =
            String.join(
                    "|",
                    p.path("repository").asText(),
                    p.path("format").asText(),
                    p.path("namespace").isNull() ? "" : p.path("namespace").asText(""),
                    p.path("package").asText())
                + "|";
        p.path("selected").forEach(v -> rep.selected.add(prefix + v.asText()));
        p.path("successfulVersions")
            .fieldNames()
            .forEachRemaining(v -> rep.succeeded.add(prefix + v));
        p.path("alreadyDone")
            .fields()
            .forEachRemaining(
                e -> {
                  rep.alreadyDone.add(prefix + e.getKey());
                  rep.alreadyDoneCodes.add(e.getValue().path("errorCode").asText());
                });
        p.path("failedVersions")
            .fields()
            .forEachRemaining(
                e -> {
                  if (e.getValue().path("errorCode").asText().equals("OUTCOME_UNKNOWN")) {
                    rep.unknown.add(prefix + e.getKey());
                  } else {
                    rep.failed.add(prefix + e.getKey());
                  }
                });
      }
      return rep;
    }
  }
}
