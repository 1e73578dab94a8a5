package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.cli.FaultMatrixTest;
import dev.caprune.execute.Memory;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.Children;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIGINT and SIGTERM to a real {@code java -jar target/caprune.jar} process while its workers
 * wait: for the memory budget (forced down to one page of versions, so that every package but the
 * oldest queues), or for their slot at a slow write rate. Each time: the process ends within the
 * first signal's grace (no hang), with exit 130, a whole report that is exactly what changed in the
 * sandbox, and no write reaches the sandbox once the signal has been delivered (a worker that was
 * waiting starts nothing). Trials: {@code -Dcaprune.signalTrials=N} (default 1 here; {@code
 * packaging/fault-matrix.sh} runs more, and with it the trials of a full and a closed stdout).
 */
class PacedSignalsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");

  /** One page of versions: every package but the oldest in flight waits for memory. */
  private static final long ONE_PAGE = 1_000 * Memory.BYTES_PER_VERSION;

  /** How long after kill(1) returns the signal counts as delivered and handled. */
  private static final long ACK_MS = 300;

  /**
   * The first signal's grace for calls in flight is 5 s; the JVM's exit and a busy machine get as
   * much again. A worker that slept through the signal until its slot (35 s ahead in the paced
   * trial) would overrun it.
   */
  private static final long ENDS_WITHIN_S = 12;

  @TempDir Path dir;

  @Test
  void aSignalWhilePackagesWaitForMemoryStopsTheRunAndTheReportIsTheChange() throws Exception {
    int trials = Math.max(1, Integer.getInteger("caprune.signalTrials", 1));
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    String[] formats = {"ndjson", "json", "csv"};
    for (int i = 0; i < trials; i++) {
      String signal = random.nextBoolean() ? "INT" : "TERM";
      int delayMs = random.nextInt(1500);
      trial(
          "memory seed " + seed + " trial " + i,
          formats[(i + random.nextInt(formats.length)) % formats.length],
          signal,
          delayMs,
          5,
          1_200,
          List.of("-D" + Memory.BUDGET_PROPERTY + "=" + ONE_PAGE),
          "4",
          "2");
    }
  }

  /**
   * Eight workers each with one write, at 0.2 writes a second: after the first write the other
   * seven wait for slots 5 to 35 s ahead. A signal must end those waits, not let them send.
   */
  @Test
  void aSignalWhileWorkersWaitForTheirSlotSendsNothingMoreAndEndsAtOnce() throws Exception {
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    trial(
        "paced seed " + seed,
        "ndjson",
        random.nextBoolean() ? "INT" : "TERM",
        200 + random.nextInt(2500),
        8,
        3,
        List.of(),
        "8",
        "0.2");
  }

  /**
   * stdout a pipe nobody reads (a stopped pager): once it is full the paced run is held, as any
   * command writing to a pipe is (its writes stop, the process waits). A SIGTERM then stops new
   * work; as soon as the reader reads again the run ends: exit 130, a whole ndjson record that is
   * exactly what changed, and no write after the signal. In {@code packaging/fault-matrix.sh} only
   * (10 s on a busy machine); in the build, {@code PacedOutputTest} closes stdout under a paced
   * run.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "caprune.signalTrials",
      matches = ".+")
  void aStdoutNobodyReadsHoldsThePacedRunAndASignalEndsItOnceRead() throws Exception {
    pipeTrial(false);
  }

  /**
   * The same, but the reader goes away (closes the pipe) instead of reading: the blocked write
   * fails, the run starts nothing new and ends with exit 1, as documented for a stream that fails.
   * In {@code packaging/fault-matrix.sh} only.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "caprune.signalTrials",
      matches = ".+")
  void aStdoutClosedWhileThePacedRunIsHeldEndsItWithExit1() throws Exception {
    pipeTrial(true);
  }

  /**
   * A throttled write waiting out a Retry-After of a day (20 s, the bound) when SIGINT comes: the
   * wait ends at once, the call is not sent again, and its versions are not attempted (a 429
   * changed nothing). In {@code packaging/fault-matrix.sh} only.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "caprune.signalTrials",
      matches = ".+")
  void aSignalDuringALongRetryAfterEndsTheWaitAndSendsNothingMore() throws Exception {
    try (dev.caprune.testing.HostileServer server = dev.caprune.testing.HostileServer.start()) {
      server.on(
          "ListPackages",
          dev.caprune.testing.HostileServer.Reply.json(
              200, dev.caprune.testing.HostileServer.packages("npm", null, "left-pad")));
      server.on(
          "ListPackageVersions",
          dev.caprune.testing.HostileServer.Reply.json(
              200,
              dev.caprune.testing.HostileServer.versions(
                  "npm", "left-pad", "2.0.0", "1.0.0", "1.1.0", "2.0.0")));
      server.on("DeletePackageVersions", dev.caprune.testing.HostileServer.Reply.throttle("86400"));
      Path out = dir.resolve("retry-after.json");
      Path err = dir.resolve("retry-after.err");
      Process run =
          caprune(
              out,
              err,
              List.of(),
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--version",
              "1.*",
              "--yes",
              "-o",
              "json",
              "--endpoint-url",
              server.endpoint().toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.writes().isEmpty() && run.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(500);
      assertThat(run.isAlive()).as("waiting out the Retry-After").isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      long signalled = System.nanoTime();
      boolean ended = run.waitFor(ENDS_WITHIN_S, TimeUnit.SECONDS);
      long tookMs = (System.nanoTime() - signalled) / 1_000_000;
      if (!ended) {
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String context =
          "stdout: " + head(Files.readString(out)) + "\nstderr: " + Files.readString(err);
      assertThat(ended).as(context).isTrue();
      assertThat(run.exitValue()).as(context).isEqualTo(ExitCodes.INTERRUPTED);
      assertThat(server.writes()).as(context).hasSize(1);
      JsonNode doc = JSON.readTree(out.toFile());
      assertThat(doc.path("summary").path("notAttempted").asInt()).as(context).isEqualTo(2);
      assertThat(doc.path("summary").path("failed").asInt()).as(context).isZero();
      System.out.printf("Retry-After 86400, SIGINT: exit %d in %d ms%n", run.exitValue(), tookMs);
    }
  }

  private void pipeTrial(boolean close) throws Exception {
    String what = close ? "pipe closed by its reader" : "pipe read again after SIGTERM";
    try (Sandbox sandbox = Sandbox.builder().generate(30, 40).latencyMs(5).start()) {
      Map<String, String> before = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Path err = dir.resolve("pipe-err-" + close);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Children.java(),
                  "-jar",
                  JAR.toString(),
                  "delete",
                  "--domain",
                  "caprune",
                  "--repository",
                  "generated",
                  "--all",
                  "--yes",
                  "--concurrency",
                  "4",
                  "--max-write-rps",
                  "10",
                  "-o",
                  "ndjson",
                  "--endpoint-url",
                  sandbox.endpoint().toString()));
      ProcessBuilder pb =
          new ProcessBuilder(Children.withDefaultSigint(cmd)).redirectError(err.toFile());
      pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
      pb.environment().put("AWS_REGION", "us-east-1");
      Process run = pb.start();
      // Held: writes stop while the process lives (the pipe holds ~250 of the 1,170 lines).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long seen = -1;
      long stableSince = System.nanoTime();
      while (run.isAlive() && System.nanoTime() < deadline) {
        long now = sandbox.calls("DeletePackageVersions");
        if (now != seen) {
          seen = now;
          stableSince = System.nanoTime();
        } else if (now > 0
            && System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(1500)) {
          break;
        }
        Thread.sleep(20);
      }
      String context0 = what + "\n--- stderr ---\n" + Files.readString(err);
      assertThat(run.isAlive()).as(context0 + "\nheld by the full pipe").isTrue();
      assertThat(seen).as(context0).isPositive();
      long writesHeld = seen;
      String stdout;
      if (close) {
        run.getInputStream().close();
        stdout = "";
      } else {
        new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
        Thread.sleep(ACK_MS);
        stdout = null;
      }
      long writesAtSignal = sandbox.calls("DeletePackageVersions");
      java.util.concurrent.CompletableFuture<byte[]> drained =
          close
              ? java.util.concurrent.CompletableFuture.completedFuture(new byte[0])
              : java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return run.getInputStream().readAllBytes();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
      boolean ended = run.waitFor(ENDS_WITHIN_S, TimeUnit.SECONDS);
      if (!ended) {
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (stdout == null) {
        stdout = new String(drained.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      }
      String context =
          what
              + "\n--- stdout (head) ---\n"
              + head(stdout)
              + "\n--- stderr ---\n"
              + Files.readString(err, StandardCharsets.UTF_8);
      assertThat(ended).as(context + "\nends within " + ENDS_WITHIN_S + " s").isTrue();
      Map<String, String> after = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Set<String> changed = new HashSet<>();
      before.forEach(
          (k, v) -> {
            if (!v.equals(after.get(k))) {
              changed.add(k);
            }
          });
      if (close) {
        assertThat(run.exitValue()).as(context).isEqualTo(ExitCodes.RUNTIME);
        assertThat(Files.readString(err)).as(context).contains("caprune stopped starting new work");
        assertThat(sandbox.calls("DeletePackageVersions"))
            .as(context + "\nnothing sent once stdout was gone")
            .isLessThanOrEqualTo(writesAtSignal + 1);
      } else {
        assertThat(run.exitValue()).as(context).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(sandbox.calls("DeletePackageVersions"))
            .as(context + "\nno write sent once the signal was delivered")
            .isEqualTo(writesAtSignal);
        Map<String, String> results =
            dev.caprune.testing.Records.results("ndjson", stdout, context);
        Set<String> done = new HashSet<>();
        results.forEach(
            (k, r) -> {
              if (r.equals("succeeded") || r.equals("alreadyDone")) {
                done.add(k);
              }
            });
        assertThat(done).as(context + "\nthe report is what changed").isEqualTo(changed);
      }
      System.out.printf(
          "%s: exit %d, %d writes when held, %d in all, %d versions changed%n",
          what,
          run.exitValue(),
          writesHeld,
          sandbox.calls("DeletePackageVersions"),
          changed.size());
    }
  }

  private void trial(
      String name,
      String format,
      String signal,
      int delayMs,
      int packages,
      int versions,
      List<String> jvm,
      String concurrency,
      String writeRps)
      throws Exception {
    String what = name + ": -o " + format + ", SIG" + signal + " " + delayMs + " ms after a write";
    try (Sandbox sandbox = Sandbox.builder().generate(packages, versions).latencyMs(10).start()) {
      Map<String, String> before = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Path out = dir.resolve("out-" + Math.abs(what.hashCode()));
      Path err = dir.resolve("err-" + Math.abs(what.hashCode()));
      Process run =
          caprune(
              out,
              err,
              jvm,
              "delete",
              "--domain",
              "caprune",
              "--repository",
              "generated",
              "--all",
              "--yes",
              "--concurrency",
              concurrency,
              "--max-write-rps",
              writeRps,
              "-o",
              format,
              "--endpoint-url",
              sandbox.endpoint().toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sandbox.calls("DeletePackageVersions") == 0
          && run.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(run.isAlive()).as(what + ": still running at the first write").isTrue();
      Thread.sleep(delayMs);
      assertThat(run.isAlive()).as(what + ": still running at the signal").isTrue();
      new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
      long signalled = System.nanoTime();
      Thread.sleep(ACK_MS);
      long writesAcknowledged = sandbox.calls("DeletePackageVersions");
      boolean ended = run.waitFor(ENDS_WITHIN_S, TimeUnit.SECONDS);
      long tookMs = (System.nanoTime() - signalled) / 1_000_000;
      if (!ended) {
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String context =
          what
              + "\n--- stdout (head) ---\n"
              + head(stdout)
              + "\n--- stderr ---\n"
              + Files.readString(err, StandardCharsets.UTF_8);
      assertThat(ended)
          .as(context + "\nends within " + ENDS_WITHIN_S + " s of the signal")
          .isTrue();
      assertThat(sandbox.calls("DeletePackageVersions"))
          .as(context + "\nno write sent once the signal was delivered")
          .isEqualTo(writesAcknowledged);
      assertThat(run.exitValue()).as(context).isEqualTo(ExitCodes.INTERRUPTED);
      Map<String, String> results = dev.caprune.testing.Records.results(format, stdout, context);
      if (format.equals("json")) {
        assertThat(JSON.readTree(stdout).path("interrupted").asBoolean()).as(context).isTrue();
      }
      assertThat(results.values()).as(context).contains("notAttempted");
      Map<String, String> after = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Set<String> changed = new HashSet<>();
      before.forEach(
          (k, v) -> {
            if (!v.equals(after.get(k))) {
              changed.add(k);
            }
          });
      Set<String> done = new HashSet<>();
      results.forEach(
          (k, r) -> {
            if (r.equals("succeeded") || r.equals("alreadyDone")) {
              done.add(k);
            }
          });
      assertThat(results.values()).as(context).doesNotContain("OUTCOME_UNKNOWN");
      assertThat(done).as(context + "\nthe report is what changed").isEqualTo(changed);
      System.out.printf(
          "%s: exit %d in %d ms after the signal, %d writes, %d versions reported, %d done%n",
          what, run.exitValue(), tookMs, writesAcknowledged, results.size(), done.size());
    }
  }

  private static String head(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }

  private Process caprune(Path out, Path err, List<String> jvm, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Children.java()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(Children.withDefaultSigint(cmd))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    return pb.start();
  }
}
