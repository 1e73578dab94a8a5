package dev.caprune.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.cli.PolicyEventTest;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A publish event under throttling, 5xx, lost answers, 409s and partial answers together, through
 * the Lambda handler (one warm instance for every seed) and through {@code policy run --event}: the
 * record is exactly what changed, only the event's package changed, an invocation fails whenever
 * the run is not exit 0, and a retry without faults converges on the state of a run that never saw
 * one.
 *
 * <p>Seeds: {@code -Dcaprune.faultSeeds=N} (default 3 here; {@code packaging/fault-matrix.sh} runs
 * more).
 */
class EventFaultsTest {
  static final int VERSIONS = 240;
  static final int KEEP = 5;

  @TempDir Path dir;

  /** The handler every seed's invocations go through, as a warm container's. */
  static final Path WARM_POLICY = policyPath();

  static final WarmHandlerTest.Warm WARM =
      new WarmHandlerTest.Warm(Map.of("CAPRUNE_POLICY", WARM_POLICY.toString()));

  static Path policyPath() {
    try {
      return Files.createTempDirectory("caprune-event-faults").resolve("policy.yaml");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> cases() {
    int seeds = Integer.getInteger("caprune.faultSeeds", 3);
    List<Arguments> all = new ArrayList<>();
    for (String via : List.of("lambda", "cli")) {
      for (int seed = 1; seed <= seeds; seed++) {
        all.add(Arguments.of(via, seed * 104729L + via.hashCode()));
      }
    }
    return all.stream();
  }

  static String npm(String name, int n) {
    StringBuilder b =
        new StringBuilder("{\"format\": \"npm\", \"name\": \"" + name + "\", \"versions\": [");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"")
          .append(SandboxHarness.NOW.minusSeconds(3600L * (n - i)))
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  static Sandbox sandbox(long seed) throws Exception {
    return Sandbox.builder()
        .seedJson(
            """
            {"domains": [{"name": "acme", "owner": "111122223333", "repositories": [
              {"name": "releases", "packages": [%s, %s]},
              {"name": "snapshots", "packages": [%s]}]}]}
            """
                .formatted(npm("app", VERSIONS), npm("apps", 20), npm("app", 20)))
        .randomSeed(seed)
        .throttleRate(0.03)
        .failRate(0.15)
        .lostReplyRate(0.2)
        .conflictRate(0.1)
        .partialRate(0.3)
        .start();
  }

  static final String POLICY =
      """
      version: 1
      targets:
        - name: main
          domain: acme
          domainOwner: "111122223333"
          endpointUrl: %s
          repositories: ["*"]
      rules:
        - name: trim
          action: delete
          format: npm
          keepLatest: %d
      """;

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("cases")
  void theRecordIsExactlyWhatChangedAndARetryConverges(String via, long seed) throws Exception {
    byte[] event = Files.readAllBytes(PolicyEventTest.EVENTS.resolve("npm-published.json"));
    Path policy = via.equals("lambda") ? WARM_POLICY : dir.resolve("policy.yaml");
    try (SandboxHarness s = new SandboxHarness(sandbox(seed))) {
      Files.writeString(policy, POLICY.formatted(s.sandbox.endpoint(), KEEP));
      Map<String, String> before = PolicyEventTest.state(s.sandbox);
      int code = run(via, s, policy, event);
      assertThat(code).isIn(0, 1, 3);
      Map<String, String> changed = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
      assertThat(lastReported).as(lastPeople).isEqualTo(changed);
      assertThat(changed.keySet()).allMatch(k -> k.startsWith("releases//app@"));
      assertThat(s.calls("ListPackages")).isZero();

      // The retry Lambda (or a person) makes, without faults: done, and only what must be.
      s.sandbox.setThrottleRate(0);
      s.sandbox.setFailRate(0);
      s.sandbox.setLostReplyRate(0);
      s.sandbox.setConflictRate(0);
      s.sandbox.setPartialRate(0);
      Map<String, String> middle = PolicyEventTest.state(s.sandbox);
      assertThat(run(via, s, policy, event)).as(lastPeople).isZero();
      assertThat(lastReported)
          .isEqualTo(PolicyEventTest.diff(middle, PolicyEventTest.state(s.sandbox)));
      Map<String, String> all = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
      assertThat(all).hasSize(VERSIONS - KEEP);
      for (int i = 0; i < VERSIONS; i++) {
        assertThat(all.get("releases//app@1.0." + i))
            .isEqualTo(i < VERSIONS - KEEP ? "Deleted" : null);
      }
    }
  }

  private Map<String, String> lastReported;
  private String lastPeople;

  private int run(String via, SandboxHarness s, Path policy, byte[] event) throws Exception {
    if (via.equals("lambda")) {
      PolicyEventHandlerTest.Invocation inv = WARM.invoke(event);
      int code = inv.summary().path("exitCode").asInt();
      assertThat(inv.failedWith() == null).as(inv.people()).isEqualTo(code == 0);
      lastReported = PolicyEventTest.reported(inv.record());
      lastPeople = inv.people();
      return code;
    }
    s.withContext(s.context().withStdin(new ByteArrayInputStream(event)));
    CliResult r =
        s.runRaw("policy", "run", policy.toString(), "--event", "-", "--yes", "-o", "ndjson");
    lastReported = PolicyEventTest.reported(r.out());
    lastPeople = r.toString();
    return r.exitCode();
  }
}
