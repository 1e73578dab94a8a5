package dev.caprune.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.cli.PolicyEventTest;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.SandboxHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One handler instance invoked again and again, as Lambda does in a warm container: each
 * invocation's record is exactly what changed in its own sandbox, whatever came before it (another
 * package, another repository, a malformed event, a sandbox that fails, a policy file changed on
 * disk, a dry-run instance in between); nothing is left behind (an interrupt, System.out or
 * System.err swapped, threads); and two instances on two threads do not see each other.
 */
class WarmHandlerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** One handler and the buffers behind its streams, emptied before each invocation. */
  static final class Warm {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final PolicyEventHandler handler;

    Warm(Map<String, String> env) {
      this(env, null);
    }

    Warm(Map<String, String> env, OutputStream stdout) {
      handler =
          new PolicyEventHandler(
              env,
              Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC),
              new PrintStream(stdout == null ? out : stdout, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    PolicyEventHandlerTest.Invocation invoke(byte[] event) throws Exception {
      out.reset();
      err.reset();
      PrintStream sysOut = System.out;
      PrintStream sysErr = System.err;
      ByteArrayOutputStream result = new ByteArrayOutputStream();
      Integer failed = null;
      try {
        handler.handleRequest(new ByteArrayInputStream(event), result, null);
      } catch (PolicyEventHandler.InvocationFailed e) {
        failed = e.exitCode();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      }
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(System.out).isSameAs(sysOut);
      assertThat(System.err).isSameAs(sysErr);
      String summary = result.toString(StandardCharsets.UTF_8);
      assertThat(summary.lines().count()).as(summary).isEqualTo(1);
      JsonNode s = JSON.readTree(summary);
      assertThat(s.path("exitCode").asInt()).isEqualTo(failed == null ? 0 : failed);
      return new PolicyEventHandlerTest.Invocation(
          out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), s, failed);
    }
  }

  static byte[] sample(String name) throws IOException {
    return Files.readAllBytes(PolicyEventTest.EVENTS.resolve(name));
  }

  /** The npm sample for another package or repository. */
  static byte[] npm(String repository, String name) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree(sample("npm-published.json"));
    ObjectNode d = (ObjectNode) e.get("detail");
    d.put("repositoryName", repository);
    d.put("packageName", name);
    e.remove("resources");
    return JSON.writeValueAsBytes(e);
  }

  static SandboxHarness sandbox() throws Exception {
    return new SandboxHarness(Sandbox.builder().seedJson(PolicyEventTest.SEED).start());
  }

  static void policy(Path file, SandboxHarness s, String extra) throws IOException {
    Files.writeString(file, extra + PolicyEventTest.POLICY.formatted(s.sandbox.endpoint()));
  }

  /** Invokes, and checks the record against what changed in {@code s} (and that it is all). */
  static Map<String, String> step(
      Warm w, SandboxHarness s, byte[] event, Integer failsWith, SandboxHarness... untouched)
      throws Exception {
    Map<String, String> before = PolicyEventTest.state(s.sandbox);
    List<Map<String, String>> others = new ArrayList<>();
    for (SandboxHarness o : untouched) {
      others.add(PolicyEventTest.state(o.sandbox));
    }
    long otherCalls = 0;
    for (SandboxHarness o : untouched) {
      otherCalls += o.totalCalls();
    }
    PolicyEventHandlerTest.Invocation inv = w.invoke(event);
    assertThat(inv.failedWith()).as(inv.people()).isEqualTo(failsWith);
    Map<String, String> changed = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
    assertThat(PolicyEventTest.reported(inv.record())).as(inv.people()).isEqualTo(changed);
    for (int i = 0; i < untouched.length; i++) {
      assertThat(PolicyEventTest.state(untouched[i].sandbox)).isEqualTo(others.get(i));
    }
    long after = 0;
    for (SandboxHarness o : untouched) {
      after += o.totalCalls();
    }
    assertThat(after).isEqualTo(otherCalls);
    return changed;
  }

  static Map<String, String> deleted(String prefix, int... versions) {
    Map<String, String> m = new TreeMap<>();
    for (int v : versions) {
      m.put(prefix + "@1.0." + v, "Deleted");
    }
    return m;
  }

  @Test
  void oneInstanceManyInvocationsLeaksNothingBetweenThem() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    try (SandboxHarness a = sandbox();
        SandboxHarness failing =
            new SandboxHarness(
                Sandbox.builder().seedJson(PolicyEventTest.SEED).failRate(1.0).start())) {
      policy(policy, a, "");
      Warm w = new Warm(Map.of("CAPRUNE_POLICY", policy.toString()));
      Warm dry = new Warm(Map.of("CAPRUNE_POLICY", policy.toString(), "CAPRUNE_DRY_RUN", "true"));

      // A dry run first: its setting must not carry over to the other instance.
      long writes = a.writeCalls();
      step(dry, a, sample("npm-published.json"), null, failing);
      assertThat(a.writeCalls()).isEqualTo(writes);

      assertThat(step(w, a, sample("npm-published.json"), null, failing))
          .isEqualTo(deleted("releases//app", 0, 2, 3, 4));
      // Threads of caprune's once the first real run made them (the sandboxes' own left out).
      List<String> threads = ours();
      assertThat(step(w, a, sample("malformed-not-json.json"), 2, failing)).isEmpty();
      assertThat(w.out.size()).isZero();
      assertThat(step(w, a, npm("snapshots", "app"), null, failing))
          .isEqualTo(deleted("snapshots//app", 0, 2));
      // Twice the same event: the second finds nothing more to do.
      assertThat(step(w, a, sample("npm-published.json"), null, failing)).isEmpty();
      assertThat(step(w, a, npm("releases", "other"), null, failing))
          .isEqualTo(deleted("releases//other", 0, 2));

      // The policy file changed on disk: the next invocation reads the new one.
      policy(policy, failing, "");
      long aCalls = a.totalCalls();
      assertThat(step(w, failing, sample("maven-published.json"), 1, a)).isEmpty();
      assertThat(a.totalCalls()).isEqualTo(aCalls);
      policy(policy, a, "max: 1\n");
      assertThat(step(w, a, sample("maven-published.json"), 4, failing)).isEmpty();
      policy(policy, a, "");
      assertThat(step(w, a, sample("maven-published.json"), null, failing))
          .isEqualTo(
              Map.of(
                  "releases/com.acme/lib@2.1.0", "Archived",
                  "releases/com.acme/lib@2.2.0", "Archived",
                  "releases/com.acme/lib@2.3.0", "Archived"));
      // The dry-run instance, after all that, still writes nothing.
      writes = a.writeCalls();
      PolicyEventHandlerTest.Invocation d = dry.invoke(npm("releases", "app"));
      assertThat(d.failedWith()).as(d.people()).isNull();
      assertThat(a.writeCalls()).isEqualTo(writes);

      // Many more invocations leave no threads behind (pools, HTTP clients, limiters).
      for (int i = 0; i < 10; i++) {
        step(w, a, npm(i % 2 == 0 ? "releases" : "snapshots", "app"), null, failing);
      }
      Thread.sleep(200);
      assertThat(ours()).as("threads after").hasSizeLessThanOrEqualTo(threads.size() + 1);
    }
  }

  /** The live threads that are not the sandboxes' (their pools and HTTP servers). */
  static List<String> ours() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                !n.startsWith("sandbox-")
                    && !n.equals("HTTP-Dispatcher")
                    && !n.equals("idle-timeout-task"))
        .sorted()
        .toList();
  }

  @Test
  void twoInstancesOnTwoThreadsDoNotSeeEachOther() throws Exception {
    try (SandboxHarness a = sandbox();
        SandboxHarness b = sandbox()) {
      Path pa = dir.resolve("a.yaml");
      Path pb = dir.resolve("b.yaml");
      policy(pa, a, "");
      policy(pb, b, "");
      Warm wa = new Warm(Map.of("CAPRUNE_POLICY", pa.toString()));
      Warm wb = new Warm(Map.of("CAPRUNE_POLICY", pb.toString()));
      Map<String, String> beforeA = PolicyEventTest.state(a.sandbox);
      Map<String, String> beforeB = PolicyEventTest.state(b.sandbox);
      List<byte[]> eventsA =
          List.of(
              sample("npm-published.json"),
              npm("snapshots", "app"),
              sample("malformed-not-json.json"),
              npm("releases", "other"));
      List<byte[]> eventsB =
          List.of(
              sample("maven-published.json"),
              npm("releases", "other"),
              sample("npm-published.json"),
              npm("snapshots", "app"));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Map<String, String>> fa = pool.submit(() -> reportedAll(wa, eventsA));
        Future<Map<String, String>> fb = pool.submit(() -> reportedAll(wb, eventsB));
        Map<String, String> ra = fa.get();
        Map<String, String> rb = fb.get();
        assertThat(ra).isEqualTo(PolicyEventTest.diff(beforeA, PolicyEventTest.state(a.sandbox)));
        assertThat(rb).isEqualTo(PolicyEventTest.diff(beforeB, PolicyEventTest.state(b.sandbox)));
        Map<String, String> expectedA = new TreeMap<>(deleted("releases//app", 0, 2, 3, 4));
        expectedA.putAll(deleted("snapshots//app", 0, 2));
        expectedA.putAll(deleted("releases//other", 0, 2));
        assertThat(ra).isEqualTo(expectedA);
        assertThat(rb.keySet()).hasSize(3 + 4 + 2 + 2);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Map<String, String> reportedAll(Warm w, List<byte[]> events) throws Exception {
    Map<String, String> all = new TreeMap<>();
    for (byte[] e : events) {
      PolicyEventHandlerTest.Invocation inv = w.invoke(e);
      all.putAll(PolicyEventTest.reported(inv.record()));
    }
    return all;
  }

  /** A stdout that takes {@code good} bytes, then fails every write. */
  static final class Breaking extends OutputStream {
    private long left;

    Breaking(long good) {
      left = good;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (left < len) {
        left = 0;
        throw new IOException("No space left on device");
      }
      left -= len;
    }
  }

  /**
   * A stdout that fails (CloudWatch's pipe broken, a full buffer) fails the invocation: the record
   * of what was done is lost, so Lambda must see a failure; caprune starts no new work once it
   * knows. An instance whose stdout is already broken calls nothing at all.
   */
  @Test
  void aBrokenStdoutFailsTheInvocation() throws Exception {
    for (long good : new long[] {0, 200, 600}) {
      try (SandboxHarness a = sandbox()) {
        Path policy = dir.resolve("broken-" + good + ".yaml");
        policy(policy, a, "");
        Warm w = new Warm(Map.of("CAPRUNE_POLICY", policy.toString()), new Breaking(good));
        PolicyEventHandlerTest.Invocation inv = w.invoke(sample("npm-published.json"));
        assertThat(inv.failedWith()).as(good + ": " + inv.people() + inv.summary()).isEqualTo(1);
        assertThat(inv.people()).contains("stdout");
        // Warm again, the same broken stdout: refused before any call.
        long calls = a.totalCalls();
        Map<String, String> before = PolicyEventTest.state(a.sandbox);
        PolicyEventHandlerTest.Invocation again = w.invoke(npm("snapshots", "app"));
        assertThat(again.failedWith()).as(again.people()).isEqualTo(1);
        assertThat(a.totalCalls()).isEqualTo(calls);
        assertThat(PolicyEventTest.state(a.sandbox)).isEqualTo(before);
      }
    }
  }
}
