package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --concurrency}, a run whose writes wait for a free worker rather than for the
 * write rate (each call answers in 100 ms here: eight workers making their packages' writes one
 * after another cannot keep 100 writes a second going) adds workers, up to 32; with {@code
 * --concurrency} given, it keeps to it. What is counted: the caprune workers alive when each write
 * reaches the sandbox.
 */
class AdaptiveConcurrencyTest {
  /** The worker threads alive now, whichever run started them. */
  private static java.util.Set<Thread> workers() {
    java.util.Set<Thread> all = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().equals("caprune-worker")) {
        all.add(t);
      }
    }
    return all;
  }

  /** This run's workers alive now: an earlier test's, still ending, are not counted. */
  private static int workersAlive(java.util.Set<Thread> before) {
    java.util.Set<Thread> now = workers();
    now.removeAll(before);
    return now.size();
  }

  /** The most workers alive at any write of a delete run with {@code extra} options. */
  private static int mostWorkers(String... extra) throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().generate(80, 10).latencyMs(100).start())) {
      AtomicInteger most = new AtomicInteger();
      java.util.Set<Thread> before = workers();
      for (int i = 0; i < 400; i++) {
        h.sandbox.beforeNextCall(
            "DeletePackageVersions", () -> most.accumulateAndGet(workersAlive(before), Math::max));
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "delete",
                  "--domain",
                  "caprune",
                  "--repository",
                  "generated",
                  "--all",
                  "--yes",
                  "-o",
                  "json"));
      args.addAll(List.of(extra));
      CliResult r = h.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(h.writeCalls()).isGreaterThanOrEqualTo(80);
      return most.get();
    }
  }

  @Test
  void theDefaultGrowsWhileWritesWaitForWorkers() throws Exception {
    assertThat(mostWorkers()).isGreaterThan(8).isLessThanOrEqualTo(32);
  }

  @Test
  void aGivenConcurrencyIsKept() throws Exception {
    assertThat(mostWorkers("--concurrency", "8")).isLessThanOrEqualTo(8);
  }
}
