package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.Records;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --protect-dependencies} end to end, through the real SDK against the sandbox: a seed whose
 * applications (acme/apps) and libraries (acme/libs) need each other across npm, Maven, PyPI and
 * NuGet — ranges, pre-releases, a soft requirement, names written differently, NuGet's lowest
 * applicable, a transitive chain, an unreadable requirement, a disposed and an archived dependent.
 */
class DependencyProtectionTest {
  private static final String SEED = "dependencies.json";

  /** What no version that remains needs: the only versions of libs a delete may take. */
  static final Set<String> UNNEEDED =
      Set.of(
          "libs|maven|com.acme|core|1.0",
          "libs|maven|com.acme|core|1.5",
          "libs|maven|com.acme|core|2.0",
          "libs|maven|com.acme|extra|1.0",
          "libs|maven|com.acme|extra|2.0",
          "libs|npm||left-pad|1.1.0",
          "libs|npm|acme|lib|2.0.0",
          "libs|npm|acme|util|1.0.0",
          "libs|npm|acme|util|1.1.0",
          "libs|npm|acme|util|2.0.0",
          "libs|nuget||Acme.Logging|1.0.0",
          "libs|nuget||Acme.Logging|2.1.0",
          "libs|nuget||Acme.Logging|3.0.0",
          "libs|pypi||Requests_Toolkit|1.0",
          "libs|pypi||Requests_Toolkit|2.0",
          "libs|pypi||Requests_Toolkit|3.0rc1");

  static final String[] DELETE_ALL =
      new String[] {
        "delete",
        "--domain",
        "acme",
        "--repository",
        "libs",
        "--all",
        "--no-protect-latest",
        "--protect-dependencies",
        "--dependents-from",
        "apps"
      };

  static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The versions an ndjson report lists, as repo|format|ns|package|version. */
  /** The versions an explanation's ndjson says are selected (its other lines say kept). */
  static Set<String> selectedInExplanation(String ndjson) throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder selected = new StringBuilder();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank() && json.readTree(line).path("result").asText().equals("selected")) {
        selected.append(line).append('\n');
      }
    }
    return Records.versionKeys(selected.toString());
  }

  /** The versions in the state before that are not there (or Deleted) after. */
  static Set<String> gone(Set<String> before, Set<String> after) {
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

  @Test
  void aDryRunSelectsExactlyWhatNoRemainingVersionNeeds() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED);
        LogCapture log = LogCapture.attach()) {
      CliResult r = h.run(with(DELETE_ALL, "--dry-run", "-o", "ndjson"));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(Records.versionKeys(r.out())).as(r.toString()).isEqualTo(new TreeSet<>(UNNEEDED));
      assertThat(h.writeCalls()).isZero();
      // The unreadable requirement protects every version of its package, and says so once.
      assertThat(log.text())
          .contains(
              "com.acme:service 5.0 needs com.acme:util \"${x}\":",
              "every version of com.acme:util is protected");
      // One listing of dependencies per version that remains: the 6 present versions of apps
      // (not the disposed one) and the 11 versions of libs kept because something needs them.
      assertThat(h.calls("ListPackageVersionDependencies")).isEqualTo(17);
    }
  }

  @Test
  void theRealRunDeletesExactlyThatAndNothingOfTheDependents() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      Set<String> before = SandboxState.versions(h.state());
      CliResult r = h.run(with(DELETE_ALL, "--yes", "-o", "ndjson"));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      Set<String> after = SandboxState.versions(h.state());
      assertThat(gone(before, after)).as(r.toString()).isEqualTo(new TreeSet<>(UNNEEDED));
      assertThat(Records.versionKeys(r.out())).isEqualTo(new TreeSet<>(UNNEEDED));
      assertThat(after).containsAll(before.stream().filter(l -> l.startsWith("apps|")).toList());
    }
  }

  @Test
  void explainSaysWhoNeedsEachProtectedVersion() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      CliResult r = h.run(with(DELETE_ALL, "--dry-run", "--explain"));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("protected: needed by com.acme:service 5.0 ([1.0,2.0))")
          .contains("protected: needed by @acme/lib 1.0.0 (1.0.0)") // the transitive link
          .contains("protected: needed by Acme.Web 1.0.0 ([2.0.0, ))")
          .contains("protected: needed by py-app 1.0 (>=2,<3)")
          .contains("protected: needed by @acme/web 4.0.0-rc.1 (^2.1.0-beta.0)")
          .contains("protected: needed by @acme/web 2.0.0 (1.3.0)") // archived: still there
          .doesNotContain("needed by @acme/web 1.0.0"); // disposed: gone
      CliResult json = h.run(with(DELETE_ALL, "--dry-run", "--explain", "-o", "json"));
      assertThat(json.out())
          .contains("needed by py-app 1.0 (>=2,<3)")
          .contains("\"protectedBy\" : [ \"py-app 1.0\" ]");
      CliResult ndjson = h.run(with(DELETE_ALL, "--dry-run", "--explain", "-o", "ndjson"));
      assertThat(ndjson.out())
          .contains("\"protectedBy\":[\"com.acme:service 5.0\"]")
          .contains("\"protectedBy\":[\"@acme/lib 1.0.0\"]");
      CliResult csv = h.run(with(DELETE_ALL, "--dry-run", "--explain", "-o", "csv"));
      assertThat(csv.out().lines().findFirst().orElseThrow()).contains("protectedBy");
      assertThat(csv.out()).contains("Acme.Web 1.0.0");
    }
  }

  @Test
  void versionsShowsWhatADeleteWouldLeaveAsProtected() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      CliResult r =
          h.run(
              "versions",
              "--domain",
              "acme",
              "--repository",
              "libs",
              "--format",
              "nuget",
              "--no-protect-latest",
              "--protect-dependencies",
              "--dependents-from",
              "apps",
              "-o",
              "csv");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("needed by Acme.Web 1.0.0 ([2.0.0, ))");
      assertThat(r.out().lines().filter(l -> l.contains("needed by")).count()).isEqualTo(1);
    }
  }

  @Test
  void anArchiveLeavesEveryVersionInPlaceSoEachProtectsWhatItNeeds() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      // No --dependents-from: libs' own versions are the dependents, and all of them remain.
      CliResult r =
          h.run(
              "archive",
              "--domain",
              "acme",
              "--repository",
              "libs",
              "--format",
              "npm",
              "--package",
              "left-pad",
              "--no-protect-latest",
              "--protect-dependencies",
              "--dry-run",
              "-o",
              "ndjson");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      // lib 1.0.0 needs left-pad 1.0.0, lib 2.0.0 needs ^1.1.0 (1.3.0): only 1.1.0 may go.
      assertThat(Records.versionKeys(r.out())).containsExactly("libs|npm||left-pad|1.1.0");
    }
  }

  @Test
  void aDependentWhoseDependenciesCannotBeListedStopsItsFormat() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      // Every dependency listing fails with a 500: nothing may be deleted.
      for (int i = 0; i < 200; i++) {
        h.sandbox.beforeNextCall(
            "ListPackageVersionDependencies",
            () -> {
              throw new IllegalStateException("boom");
            });
      }
      Set<String> before = SandboxState.versions(h.state());
      CliResult r = h.run(with(DELETE_ALL, "--yes", "--max-attempts", "1"));
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("could not be listed");
      assertThat(h.writeCalls()).isZero();
      assertThat(SandboxState.versions(h.state())).isEqualTo(before);
    }
  }

  @Test
  void oneFailedListingStopsOnlyItsOwnFormat() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      h.sandbox.beforeNextCall(
          "ListPackageVersionDependencies",
          () -> {
            throw new IllegalStateException("boom");
          });
      Set<String> before = SandboxState.versions(h.state());
      CliResult r = h.run(with(DELETE_ALL, "--yes", "--max-attempts", "1", "-o", "ndjson"));
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      String format =
          r.err()
              .replaceAll("(?s).*could not be listed .*?: no (\\w+) version was changed.*", "$1");
      assertThat(format).isIn("npm", "maven", "pypi", "nuget");
      Set<String> gone = gone(before, SandboxState.versions(h.state()));
      Set<String> expected = new TreeSet<>();
      for (String k : UNNEEDED) {
        if (!k.split("\\|")[1].equals(format)) {
          expected.add(k);
        }
      }
      // That format's versions are all there; every other format is cleaned as without the fault,
      // and the report says exactly what changed.
      assertThat(gone).as(r.toString()).isEqualTo(expected);
      assertThat(Records.versionKeys(r.out())).isEqualTo(expected);
    }
  }

  @Test
  void underFaultsAFailedListingProtectsAndNeverDeletes() throws Exception {
    // packaging/fault-matrix.sh runs more: -Dcaprune.faultSeeds=N.
    int seeds = Integer.getInteger("caprune.faultSeeds", 8);
    for (long seed = 1; seed <= seeds; seed++) {
      try (SandboxHarness h =
          new SandboxHarness(
              Sandbox.builder()
                  .seed(Path.of("src/test/resources/seeds", SEED))
                  .randomSeed(seed)
                  .throttleRate(0.2)
                  .failRate(0.2)
                  .lostReplyRate(0.2)
                  .start())) {
        Set<String> before = SandboxState.versions(h.state());
        CliResult r = h.run(with(DELETE_ALL, "--yes", "--max-attempts", "2", "-o", "ndjson"));
        Set<String> gone = gone(before, SandboxState.versions(h.state()));
        // Whatever failed, nothing a remaining version needs was deleted...
        assertThat(UNNEEDED).as("seed " + seed + ": " + r).containsAll(gone);
        if (r.exitCode() == 0) {
          // ...and a run that completed deleted exactly what nothing needs.
          assertThat(gone).as("seed " + seed + ": " + r).isEqualTo(new TreeSet<>(UNNEEDED));
        } else {
          assertThat(r.exitCode()).as("seed " + seed + ": " + r).isIn(1, 3);
        }
      }
    }
  }

  @Test
  void anUnreadableLockfileIsBadInputBeforeAnyCall(@TempDir Path dir) throws Exception {
    Path lock = dir.resolve("package-lock.json");
    Files.writeString(lock, "{ not json");
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "libs",
              "--all",
              "--dry-run",
              "--protect-lockfile",
              lock.toString());
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains(lock.getFileName().toString());
      assertThat(r.err().strip().lines().count()).isEqualTo(1);
      assertThat(h.totalCalls()).isZero();
    }
  }

  @Test
  void dependentsFromNeedsProtectDependencies() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "libs",
              "--all",
              "--dry-run",
              "--dependents-from",
              "apps");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("--dependents-from goes with --protect-dependencies");
      assertThat(h.totalCalls()).isZero();
    }
  }

  @Test
  void aPolicyWithTheSameKeysDoesWhatTheCommandLineDoes(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("retention.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        protectLatest: false
        protectDependencies: true
        dependentsFrom: [apps]
        targets:
          - name: libs
            domain: acme
            region: us-east-1
            repositories: [libs]
        rules:
          - name: everything
            action: delete
            all: true
        """);
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      Set<String> before = SandboxState.versions(h.state());
      CliResult dry = h.run("policy", "run", policy.toString(), "--dry-run", "-o", "ndjson");
      assertThat(dry.exitCode()).as(dry.toString()).isZero();
      assertThat(Records.versionKeys(dry.out())).isEqualTo(new TreeSet<>(UNNEEDED));
      assertThat(h.writeCalls()).isZero();
      // --explain shows the same selection, and says who needs each version it holds back.
      CliResult explained =
          h.run("policy", "run", policy.toString(), "--dry-run", "--explain", "-o", "ndjson");
      assertThat(explained.exitCode()).as(explained.toString()).isZero();
      assertThat(selectedInExplanation(explained.out())).isEqualTo(new TreeSet<>(UNNEEDED));
      assertThat(explained.out())
          .contains("\"protectedBy\":[\"com.acme:service 5.0\"]")
          .contains("needed by py-app 1.0 (>=2,<3)");
      // A version held back still names the rule that selected it.
      assertThat(explained.out().lines().filter(l -> l.contains("needed by py-app 1.0")))
          .isNotEmpty()
          .allMatch(l -> l.contains("\"rule\":\"everything\""));
      assertThat(h.writeCalls()).isZero();
      // A saved plan holds exactly the same: applied (dry), it would touch nothing needed.
      Path plan = dir.resolve("plan.json");
      CliResult saved = h.run("policy", "run", policy.toString(), "--save-plan", plan.toString());
      assertThat(saved.exitCode()).as(saved.toString()).isZero();
      CliResult applied = h.run("apply", plan.toString(), "--dry-run", "-o", "ndjson");
      assertThat(applied.exitCode()).as(applied.toString()).isZero();
      assertThat(Records.versionKeys(applied.out())).isEqualTo(new TreeSet<>(UNNEEDED));
      CliResult r = h.run("policy", "run", policy.toString(), "--yes", "-o", "ndjson");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(gone(before, SandboxState.versions(h.state()))).isEqualTo(new TreeSet<>(UNNEEDED));
    }
  }

  @Test
  void aPolicysUnreadableLockfileIsBadInputNamingItsPlace(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), "{ not json");
    Path policy = dir.resolve("retention.yaml");
    Files.writeString(
        policy,
        """
        version: 1
        protectLockfiles: package-lock.json
        targets:
          - name: libs
            domain: acme
            region: us-east-1
            repositories: [libs]
        rules:
          - name: everything
            action: delete
            all: true
        """);
    try (SandboxHarness h = SandboxHarness.seeded(SEED)) {
      CliResult r = h.run("policy", "run", policy.toString(), "--dry-run");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("retention.yaml:2:").contains("package-lock.json");
      assertThat(h.totalCalls()).isZero();
    }
  }

  @Test
  void everyVersionALockfilePinsIsNeverSelected(@TempDir Path dir) throws Exception {
    Path npm = Files.createDirectories(dir.resolve("web")).resolve("package-lock.json");
    Files.writeString(
        npm,
        """
        {"name": "web", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
         "packages": {
           "": {"name": "web", "version": "1.0.0"},
           "node_modules/@acme/util": {"version": "1.1.0"},
           "node_modules/left-pad": {"version": "1.1.0"},
           "node_modules/left-pad/node_modules/gone": {"version": "9.9.9"}}}
        """);
    Path py = dir.resolve("requirements.txt");
    Files.writeString(py, "requests-toolkit==2.0\n");
    try (SandboxHarness h = SandboxHarness.seeded(SEED);
        LogCapture log = LogCapture.attach()) {
      Set<String> before = SandboxState.versions(h.state());
      String[] args = {
        "delete",
        "--domain",
        "acme",
        "--repository",
        "libs",
        "--all",
        "--no-protect-latest",
        "--protect-lockfile",
        npm.toString(),
        "--protect-lockfile",
        py.toString()
      };
      CliResult dry = h.run(with(args, "--dry-run", "--explain"));
      assertThat(dry.exitCode()).as(dry.toString()).isZero();
      assertThat(dry.out()).contains("protected: pinned in " + npm);
      assertThat(log.text()).contains("'gone@9.9.9'").contains("matched no version in this run");
      // --strict-protect: the pin that matched nothing is an error before any write.
      CliResult strict = h.run(with(args, "--yes", "--strict-protect"));
      assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(2);
      assertThat(h.writeCalls()).isZero();
      CliResult r = h.run(with(args, "--yes", "-o", "ndjson"));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      Set<String> gone = gone(before, SandboxState.versions(h.state()));
      assertThat(gone)
          .doesNotContain(
              "libs|npm|acme|util|1.1.0",
              "libs|npm||left-pad|1.1.0",
              "libs|pypi||Requests_Toolkit|2.0")
          .contains("libs|npm|acme|util|1.0.0", "libs|pypi||Requests_Toolkit|1.0");
      // Every other version of libs (27 in all) is deleted: only the 3 pinned ones stay.
      assertThat(gone).hasSize(24);
    }
  }
}
