package dev.caprune.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.cli.PolicyEventTest;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda handler against an in-process sandbox: its record is what {@code caprune policy run
 * POLICY --event - --yes -o ndjson} prints for the same event (times aside), it lists the one
 * package once and no package list, the state changed as it reports, and a run that is not exit 0
 * fails the invocation.
 */
class PolicyEventHandlerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** One handler invocation's streams and outcome. */
  record Invocation(String record, String people, JsonNode summary, Integer failedWith) {}

  Invocation invoke(Map<String, String> env, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    PolicyEventHandler h =
        new PolicyEventHandler(
            env,
            Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Integer failed = null;
    try {
      h.handleRequest(new ByteArrayInputStream(event), result, null);
    } catch (PolicyEventHandler.InvocationFailed e) {
      failed = e.exitCode();
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
    String summary = result.toString(StandardCharsets.UTF_8);
    assertThat(summary.lines().count()).isEqualTo(1);
    return new Invocation(
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        JSON.readTree(summary),
        failed);
  }

  SandboxHarness sandbox() throws Exception {
    return new SandboxHarness(Sandbox.builder().seedJson(PolicyEventTest.SEED).start());
  }

  /** The same policy file at the same path for each sandbox: only its endpoint differs. */
  Path policy(Path in, SandboxHarness s, String extra) throws Exception {
    Files.createDirectories(in);
    Path f = in.resolve("policy.yaml");
    Files.writeString(f, extra + PolicyEventTest.POLICY.formatted(s.sandbox.endpoint()));
    return f;
  }

  /** The ndjson record with times and the policy file's path left out. */
  static List<JsonNode> normalized(String ndjson) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : ndjson.split("\n")) {
      if (l.isBlank()) {
        continue;
      }
      ObjectNode n = (ObjectNode) JSON.readTree(l);
      strip(n);
      out.add(n);
    }
    return out;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> drop = new ArrayList<>();
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (k.equals("policy") || k.endsWith("At") || k.endsWith("Time") || k.contains("uration")) {
          drop.add(k);
        }
      }
      o.remove(drop);
    }
    n.forEach(PolicyEventHandlerTest::strip);
  }

  static JsonNode stats(SandboxHarness s) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(s.sandbox.endpoint().resolve("/_sandbox/stats"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "npm-published.json",
        "maven-published.json",
        "npm-disposed.json",
        "other-account.json",
        "other-region.json"
      })
  void theHandlerDoesWhatPolicyRunEventDoes(String name) throws Exception {
    byte[] event = Files.readAllBytes(PolicyEventTest.EVENTS.resolve(name));
    boolean acts = !name.startsWith("other");

    CliResult cli;
    Map<String, String> cliChanged;
    try (SandboxHarness s = sandbox()) {
      Path p = policy(dir.resolve("cli"), s, "");
      Map<String, String> before = PolicyEventTest.state(s.sandbox);
      s.withContext(s.context().withStdin(new ByteArrayInputStream(event)));
      cli = s.runRaw("policy", "run", p.toString(), "--event", "-", "--yes", "-o", "ndjson");
      assertThat(cli.exitCode()).as(cli.toString()).isZero();
      cliChanged = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
    }

    try (SandboxHarness s = sandbox()) {
      Path p = policy(dir.resolve("lambda"), s, "");
      Map<String, String> before = PolicyEventTest.state(s.sandbox);
      Invocation inv = invoke(Map.of("CAPRUNE_POLICY", p.toString()), event);
      assertThat(inv.failedWith()).as(inv.people()).isNull();
      assertThat(inv.summary().path("exitCode").asInt()).isZero();
      assertThat(normalized(inv.record())).isEqualTo(normalized(cli.out()));
      Map<String, String> changed = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
      assertThat(changed).isEqualTo(cliChanged);
      assertThat(PolicyEventTest.reported(inv.record())).isEqualTo(changed);
      JsonNode stats = stats(s);
      assertThat(stats.toString()).doesNotContain("\"ListPackages\"");
      assertThat(s.calls("ListPackages")).isZero();
      assertThat(s.calls("ListPackageVersions")).isEqualTo(acts ? 1 : 0);
      if (acts) {
        assertThat(stats.toString()).contains("ListPackageVersions");
        assertThat(inv.people()).doesNotContain("nothing to do");
      } else {
        assertThat(inv.people()).startsWith("nothing to do: ");
        assertThat(s.totalCalls()).isZero();
      }
    }
  }

  @Test
  void aDryRunByItsVariableWritesNothing() throws Exception {
    try (SandboxHarness s = sandbox()) {
      Path p = policy(dir, s, "");
      Invocation inv =
          invoke(
              Map.of("CAPRUNE_POLICY", p.toString(), "CAPRUNE_DRY_RUN", "true"),
              Files.readAllBytes(PolicyEventTest.EVENTS.resolve("npm-published.json")));
      assertThat(inv.failedWith()).isNull();
      assertThat(inv.summary().path("dryRun").asBoolean()).isTrue();
      assertThat(inv.record()).contains("\"result\":\"selected\"");
      assertThat(s.writeCalls()).isZero();
    }
  }

  @Test
  void theDefaultPolicyIsInTheTaskRoot() throws Exception {
    try (SandboxHarness s = sandbox()) {
      policy(dir, s, "");
      Invocation inv =
          invoke(
              Map.of("LAMBDA_TASK_ROOT", dir.toString(), "CAPRUNE_DRY_RUN", "TRUE"),
              Files.readAllBytes(PolicyEventTest.EVENTS.resolve("npm-published.json")));
      assertThat(inv.failedWith()).as(inv.people()).isNull();
      assertThat(inv.summary().path("policy").asText())
          .isEqualTo(dir.resolve("policy.yaml").toString());
    }
  }

  @Test
  void aRefusalByMaxFailsTheInvocationBeforeAnyWrite() throws Exception {
    try (SandboxHarness s = sandbox()) {
      Path p = policy(dir, s, "max: 2\n");
      Invocation inv =
          invoke(
              Map.of("CAPRUNE_POLICY", p.toString()),
              Files.readAllBytes(PolicyEventTest.EVENTS.resolve("npm-published.json")));
      assertThat(inv.failedWith()).as(inv.people()).isEqualTo(4);
      assertThat(inv.summary().path("exitCode").asInt()).isEqualTo(4);
      assertThat(inv.summary().path("message").asText()).isNotBlank();
      assertThat(s.writeCalls()).isZero();
    }
  }

  @Test
  void malformedEventsAndSettingsFailTheInvocationWithNoCall() throws Exception {
    try (SandboxHarness s = sandbox()) {
      Path p = policy(dir, s, "");
      List<Map<String, String>> envs = new ArrayList<>();
      List<byte[]> events = new ArrayList<>();
      byte[] good = Files.readAllBytes(PolicyEventTest.EVENTS.resolve("npm-published.json"));
      for (String bad :
          List.of(
              "malformed-not-json.json",
              "malformed-detail-type.json",
              "malformed-no-package-name.json",
              "malformed-unknown-format.json")) {
        envs.add(Map.of("CAPRUNE_POLICY", p.toString()));
        events.add(Files.readAllBytes(PolicyEventTest.EVENTS.resolve(bad)));
      }
      envs.add(Map.of("CAPRUNE_POLICY", p.toString(), "CAPRUNE_DRY_RUN", "yes"));
      events.add(good);
      envs.add(Map.of("CAPRUNE_POLICY", dir.resolve("missing.yaml").toString()));
      events.add(good);
      Map<String, String> noTaskRoot = new HashMap<>();
      noTaskRoot.put("LAMBDA_TASK_ROOT", dir.resolve("nowhere").toString());
      envs.add(noTaskRoot);
      events.add(good);
      for (int i = 0; i < envs.size(); i++) {
        Invocation inv = invoke(envs.get(i), events.get(i));
        assertThat(inv.failedWith()).as(inv.people()).isEqualTo(2);
        assertThat(inv.people().lines().count()).as(inv.people()).isEqualTo(1);
        assertThat(inv.record()).isEmpty();
      }
      assertThat(s.totalCalls()).isZero();
    }
  }
}
