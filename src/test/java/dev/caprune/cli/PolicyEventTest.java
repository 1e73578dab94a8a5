package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code caprune policy run FILE --event FILE|-}: a publish event's one package, listed once, in
 * the targets and with the rules that are for it; everything else untouched, and nothing called for
 * an event that is malformed.
 */
public class PolicyEventTest {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final Path EVENTS = Path.of("src/test/resources/events");

  /** releases: npm app (7), npm other (5), maven com.acme/lib (4); snapshots: npm app (5). */
  public static final String SEED =
      """
      {"domains": [{"name": "acme", "owner": "111122223333", "repositories": [
        {"name": "releases", "packages": [
          %s,
          %s,
          {"format": "maven", "namespace": "com.acme", "name": "lib", "versions": [
            {"version": "2.1.0", "publishedTime": "2025-01-01T00:00:00Z"},
            {"version": "2.2.0", "publishedTime": "2025-02-01T00:00:00Z"},
            {"version": "2.3.0", "publishedTime": "2025-03-01T00:00:00Z"},
            {"version": "2.4.0", "publishedTime": "2025-04-01T00:00:00Z"}]}]},
        {"name": "snapshots", "packages": [%s]}]}]}
      """
          .formatted(npm("app", 7), npm("other", 5), npm("app", 5));

  static String npm(String name, int n) {
    StringBuilder b = new StringBuilder();
    b.append("{\"format\": \"npm\", \"name\": \"").append(name).append("\", \"versions\": [");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"2025-0")
          .append(1 + i)
          .append("-01T00:00:00Z\"}");
    }
    return b.append("]}").toString();
  }

  public static final String POLICY =
      """
      version: 1
      targets:
        - name: main
          domain: acme
          domainOwner: "111122223333"
          endpointUrl: %s
          repositories: ["rel*", snapshots]
      rules:
        - name: pinned
          action: keep
          version: "1.0.1"
        - name: npm-trim
          action: delete
          format: npm
          keepLatest: 2
        - name: maven-archive
          action: archive
          format: maven
          keepLatest: 1
      """;

  @TempDir Path dir;
  SandboxHarness a;
  Path policy;

  @BeforeEach
  void start() throws Exception {
    a = new SandboxHarness(Sandbox.builder().seedJson(SEED).start());
    policy = write("retention.yaml", POLICY.formatted(a.sandbox.endpoint()));
  }

  @AfterEach
  void stop() {
    a.close();
  }

  Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  static Path event(String name) {
    return EVENTS.resolve(name);
  }

  /** An event of the npm sample with some of its detail's fields replaced. */
  Path crafted(String name, Map<String, Object> detail) throws Exception {
    ObjectNode e = (ObjectNode) JSON.readTree(event("npm-published.json").toFile());
    ObjectNode d = (ObjectNode) e.get("detail");
    detail.forEach((k, v) -> d.set(k, JSON.valueToTree(v)));
    e.remove("resources"); // the sample's ARN names its own package: left out, as hand-made
    return write(name, JSON.writeValueAsString(e));
  }

  /** repository/format/namespace/package@version → status, for every version of the sandbox. */
  public static Map<String, String> state(Sandbox s) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : JSON.readTree(s.stateJson()).path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            out.put(
                r.path("name").asText()
                    + "/"
                    + p.path("namespace").asText("")
                    + "/"
                    + p.path("name").asText()
                    + "@"
                    + v.path("version").asText(),
                v.path("status").asText());
          }
        }
      }
    }
    return out;
  }

  public static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new TreeMap<>();
    before.forEach(
        (k, v) -> {
          String now = after.getOrDefault(k, "Deleted");
          if (!now.equals(v)) {
            out.put(k, now);
          }
        });
    return out;
  }

  static final Map<String, String> STATUS =
      Map.of(
          "delete", "Deleted", "archive", "Archived", "unlist", "Unlisted", "dispose", "Disposed");

  /** What the ndjson report says this run did: key → new status. */
  public static Map<String, String> reported(String ndjson) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (String l : ndjson.split("\n")) {
      if (l.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(l);
      // Found done after a lost answer: this run's call did it (nothing else writes here).
      if (n.path("type").asText().equals("version")
          && (n.path("result").asText().equals("succeeded")
              || n.path("errorCode").asText().equals("ANSWER_LOST"))) {
        String pkg = n.path("package").asText();
        String ns = n.path("namespace").asText("");
        if (ns.isEmpty() && pkg.contains("/")) { // maven's group/name as displayed
          ns = pkg.substring(0, pkg.lastIndexOf('/'));
          pkg = pkg.substring(pkg.lastIndexOf('/') + 1);
        }
        out.put(
            n.path("repository").asText() + "/" + ns + "/" + pkg + "@" + n.path("version").asText(),
            STATUS.get(n.path("action").asText()));
      }
    }
    return out;
  }

  @Test
  void anEventActsOnItsPackageAloneWithOneListingAndNoListPackages() throws Exception {
    Map<String, String> before = state(a.sandbox);
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event("npm-published.json").toString(),
            "--yes",
            "-o",
            "ndjson");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> changed = diff(before, state(a.sandbox));
    // releases/app: 7 versions, the 2 newest kept, 1.0.1 pinned: 4 deleted; nothing else.
    assertThat(changed)
        .isEqualTo(
            Map.of(
                "releases//app@1.0.0", "Deleted",
                "releases//app@1.0.2", "Deleted",
                "releases//app@1.0.3", "Deleted",
                "releases//app@1.0.4", "Deleted"));
    assertThat(reported(r.out())).isEqualTo(changed);
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(a.calls("ListRepositories") + a.calls("ListRepositoriesInDomain"))
        .as(a.sandbox.calls().toString())
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void underThrottlingAndLostRepliesTheReportIsWhatChanged(long seed) throws Exception {
    try (SandboxHarness f =
        new SandboxHarness(
            Sandbox.builder()
                .seedJson(SEED)
                .randomSeed(seed)
                .throttleRate(0.1)
                .lostReplyRate(0.3)
                .start())) {
      Path p = write("faults.yaml", POLICY.formatted(f.sandbox.endpoint()));
      Map<String, String> before = state(f.sandbox);
      CliResult r =
          f.runRaw(
              "policy",
              "run",
              p.toString(),
              "--event",
              event("npm-published.json").toString(),
              "--yes",
              "--max-attempts",
              "8",
              "-o",
              "ndjson");
      assertThat(r.exitCode()).as(r.toString()).isIn(0, 1, 3);
      Map<String, String> changed = diff(before, state(f.sandbox));
      assertThat(reported(r.out())).as(r.toString()).isEqualTo(changed);
      assertThat(changed.keySet()).allMatch(k -> k.startsWith("releases//app@"));
      assertThat(f.calls("ListPackages")).isZero();
    }
  }

  @Test
  void aMavenEventWithANamespaceActsOnThatPackageAlone() throws Exception {
    Map<String, String> before = state(a.sandbox);
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event("maven-published.json").toString(),
            "--yes",
            "-o",
            "ndjson");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> changed = diff(before, state(a.sandbox));
    assertThat(changed)
        .isEqualTo(
            Map.of(
                "releases/com.acme/lib@2.1.0", "Archived",
                "releases/com.acme/lib@2.2.0", "Archived",
                "releases/com.acme/lib@2.3.0", "Archived"));
    assertThat(reported(r.out())).isEqualTo(changed);
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
  }

  @Test
  void aDisposedStateChangeRunsThePolicyOnItsPackageToo() throws Exception {
    Map<String, String> before = state(a.sandbox);
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event("npm-disposed.json").toString(),
            "--dry-run",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(state(a.sandbox)).isEqualTo(before);
    assertThat(a.writeCalls()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.toString()).contains("\"app\"").doesNotContain("\"other\"");
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
  }

  @Test
  void anEventOnStdinIsReadAsAFileIs() throws Exception {
    byte[] bytes = Files.readAllBytes(event("npm-published.json"));
    a.withContext(a.context().withStdin(new ByteArrayInputStream(bytes)));
    CliResult r =
        a.runRaw("policy", "run", policy.toString(), "--event", "-", "--dry-run", "-o", "ndjson");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"package\":\"app\"").doesNotContain("\"other\"");
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(a.writeCalls()).isZero();
  }

  @Test
  void explainShowsTheEventsPackageAlone() throws Exception {
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event("npm-published.json").toString(),
            "--dry-run",
            "--explain");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("app").contains("1.0.6").doesNotContain("other");
    assertThat(r.out()).contains("pinned");
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(a.writeCalls()).isZero();
  }

  @Test
  void savePlanCoversTheEventsPackage() throws Exception {
    Path plan = dir.resolve("plan.json");
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event("maven-published.json").toString(),
            "--save-plan",
            plan.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String saved = Files.readString(plan);
    assertThat(saved).contains("2.1.0").contains("2.3.0").doesNotContain("\"app\"");
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.writeCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"other-account.json", "other-region.json"})
  void anEventForAnotherAccountOrRegionIsNothingToDo(String name) throws Exception {
    Map<String, String> before = state(a.sandbox);
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            policy.toString(),
            "--event",
            event(name).toString(),
            "--yes",
            "-o",
            "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).startsWith("nothing to do: no target of");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).contains(name.contains("account") ? "account" : "region");
    assertThat(JSON.readTree(r.out()).path("targets").size()).isZero();
    assertThat(a.totalCalls()).isZero();
    assertThat(state(a.sandbox)).isEqualTo(before);
  }

  @Test
  void nothingToDoIsTheEmptyReportInEveryMode() throws Exception {
    Path plan = dir.resolve("plan.json");
    for (List<String> mode :
        List.of(
            List.of("--dry-run", "--explain", "-o", "json"),
            List.of("--save-plan", plan.toString(), "-o", "json"),
            List.of("--yes", "-o", "csv"),
            List.of("--yes", "-o", "ndjson"),
            List.of("--dry-run", "-o", "markdown"),
            List.of("--dry-run"))) {
      List<String> args = new java.util.ArrayList<>(List.of("policy", "run", policy.toString()));
      args.addAll(List.of("--event", event("other-region.json").toString()));
      args.addAll(mode);
      CliResult r = a.runRaw(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(mode + " " + r).isZero();
      assertThat(r.err()).as(mode + " " + r).startsWith("nothing to do: ");
      assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
      if (mode.contains("json")) {
        assertThat(JSON.readTree(r.out()).isObject()).as(r.toString()).isTrue();
      }
    }
    assertThat(plan).doesNotExist();
    assertThat(a.totalCalls()).isZero();
  }

  @Test
  void anotherDomainRepositoryOrPackageIsNothingToDoWithNoWrite() throws Exception {
    Map<String, String> before = state(a.sandbox);
    for (Map<String, Object> detail :
        List.<Map<String, Object>>of(
            Map.of("domainName", "other"),
            Map.of("repositoryName", "staging"),
            Map.of("packageFormat", "pypi", "packageName", "tool"))) {
      Path e = crafted("crafted.json", detail);
      CliResult r = a.runRaw("policy", "run", policy.toString(), "--event", e.toString(), "--yes");
      assertThat(r.exitCode()).as(detail + " " + r).isZero();
      assertThat(r.err()).as(detail.toString()).startsWith("nothing to do: no ");
      assertThat(r.err().lines().count()).isEqualTo(1);
      assertThat(r.err())
          .contains(detail.containsKey("packageFormat") ? "rule" : "target")
          .contains("retention.yaml");
    }
    assertThat(a.totalCalls()).isZero();
    assertThat(state(a.sandbox)).isEqualTo(before);
  }

  @Test
  void targetStillChoosesTheTargets() throws Exception {
    Path two =
        write(
            "two.yaml",
            POLICY
                .formatted(a.sandbox.endpoint())
                .replace(
                    "rules:",
                    """
                      - name: other
                        domain: other
                        endpointUrl: %s
                        repositories: [releases]
                    rules:"""
                        .formatted(a.sandbox.endpoint())));
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            two.toString(),
            "--target",
            "other",
            "--event",
            event("npm-published.json").toString(),
            "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).startsWith("nothing to do: no target").contains("other: domain other");
    assertThat(a.totalCalls()).isZero();
  }

  @Test
  void aTargetWithoutDomainOwnerLearnsItsAccountInOneCall() throws Exception {
    Path noOwner =
        write(
            "no-owner.yaml",
            POLICY
                .formatted(a.sandbox.endpoint())
                .replace("    domainOwner: \"111122223333\"\n", ""));
    assertThat(Files.readString(noOwner)).doesNotContain("domainOwner");
    CliResult r =
        a.runRaw(
            "policy",
            "run",
            noOwner.toString(),
            "--event",
            event("npm-published.json").toString(),
            "--dry-run",
            "-o",
            "ndjson");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(a.calls("ListRepositoriesInDomain")).isEqualTo(1);
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
    // The same policy and another account's event: nothing to do, after that one call alone.
    CliResult other =
        a.runRaw(
            "policy",
            "run",
            noOwner.toString(),
            "--event",
            event("other-account.json").toString(),
            "--yes");
    assertThat(other.exitCode()).as(other.toString()).isZero();
    assertThat(other.err()).contains("nothing to do").contains("account 111122223333");
    assertThat(a.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(a.writeCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "malformed-not-json.json",
        "malformed-detail-type.json",
        "malformed-no-package-name.json",
        "malformed-unknown-format.json",
        "no-such-event.json"
      })
  void aMalformedEventIsExit2AndNoCall(String name) {
    CliResult r =
        a.runRaw("policy", "run", policy.toString(), "--event", event(name).toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("--event " + event(name));
    assertThat(r.out()).isEmpty();
    assertThat(a.totalCalls()).isZero();
  }

  @Test
  void badStdinIsExit2AndNoCall() {
    for (byte[] in :
        List.of(
            new byte[0],
            "[1, 2]".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            // Over the bound: never read whole.
            ("{\"source\": \"" + "x".repeat(300 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8))) {
      a.withContext(a.context().withStdin(new ByteArrayInputStream(in)));
      CliResult r = a.runRaw("policy", "run", policy.toString(), "--event", "-", "--yes");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    }
    assertThat(a.totalCalls()).isZero();
  }

  @Test
  void hostileFieldsAreTakenLiterallyAndNeverWiden() throws Exception {
    Map<String, String> before = state(a.sandbox);
    // Names a glob would widen, and controls: each a literal name no package has.
    for (String name : List.of("*", "app*", "?pp", "\u202eppa")) {
      Path e = crafted("hostile.json", Map.of("packageName", name));
      try (LogCapture log = LogCapture.attach()) {
        CliResult r =
            a.runRaw("policy", "run", policy.toString(), "--event", e.toString(), "--yes");
        assertThat(r.exitCode()).as(name + " " + r).isZero();
        assertThat(log.text()).as(r.toString()).contains("no such package");
        assertThat(log.text() + r.err()).doesNotContain("\u0007").doesNotContain("\u202e");
      }
    }
    Path ns =
        crafted(
            "ns.json",
            Map.of("packageFormat", "maven", "packageNamespace", "*", "packageName", "lib"));
    CliResult r = a.runRaw("policy", "run", policy.toString(), "--event", ns.toString(), "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(a.calls("ListPackages")).isZero();
    assertThat(a.calls("ListPackageVersions")).isEqualTo(5); // one per event
    assertThat(a.writeCalls()).isZero();
    assertThat(state(a.sandbox)).isEqualTo(before);

    // A glob or a huge value where a name goes: malformed, exit 2, no call.
    long calls = a.totalCalls();
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("repositoryName", "rel*"),
            Map.of("domainName", "ac*"),
            Map.of("domainOwner", "*"),
            Map.of("packageName", "a".repeat(256)),
            Map.of("packageName", "app\u0007\n"),
            Map.of("packageName", "../app"),
            Map.of("packageName", 7),
            Map.of("packageName", ""))) {
      Path e = crafted("bad.json", bad);
      CliResult b = a.runRaw("policy", "run", policy.toString(), "--event", e.toString(), "--yes");
      assertThat(b.exitCode()).as(bad + " " + b).isEqualTo(2);
      assertThat(b.err().lines().count()).as(b.toString()).isEqualTo(1);
      assertThat(b.err().length()).isLessThan(400);
    }
    assertThat(a.totalCalls()).isEqualTo(calls);
  }

  @Test
  void dependentsFromTheCleanedRepositoryIsNotReadTwice() throws Exception {
    // No domainOwner in the target: the event names it, the --dependents-from listing does not.
    String base =
        POLICY
            .formatted(a.sandbox.endpoint())
            .replace("          domainOwner: \"111122223333\"\n", "")
            .replace("rules:", "protectDependencies: true\n%srules:");
    java.util.function.ToLongFunction<String> listings =
        extra -> {
          try {
            a.sandbox.resetStats();
            Path file = write("deps.yaml", base.formatted(extra));
            CliResult r =
                a.run(
                    "policy",
                    "run",
                    file.toString(),
                    "--event",
                    event("npm-published.json").toString(),
                    "--dry-run",
                    "-o",
                    "ndjson");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            return a.calls("ListPackageVersions");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    long alone = listings.applyAsLong("");
    long withItself = listings.applyAsLong("dependentsFrom: [releases]\n");
    assertThat(alone).isPositive();
    // The cleaned repository is read once, however its owner was written.
    assertThat(withItself).isEqualTo(alone);
    assertThat(a.writeCalls()).isZero();
  }
}
