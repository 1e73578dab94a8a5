package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.cli.FaultMatrixTest;
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
 * Real signals to a real {@code java -jar target/caprune.jar} process at random moments of a delete
 * (listing, executing, writing the report), in every streamed and whole format: always a valid
 * document, exit 130, and the report matches what changed in the sandbox. Trials: {@code
 * -Dcaprune.signalTrials=N} (default 8 here; {@code packaging/fault-matrix.sh} runs more).
 */
class SignalsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");

  @TempDir Path dir;

  @Test
  void aSignalAtAnyMomentLeavesAValidReportThatMatchesTheState() throws Exception {
    int trials = Integer.getInteger("caprune.signalTrials", 8);
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    String[] formats = {"json", "ndjson", "csv"};
    for (int i = 0; i < trials; i++) {
      String format = formats[i % formats.length];
      String signal = random.nextBoolean() ? "INT" : "TERM";
      int delayMs = random.nextInt(2200);
      boolean twice = random.nextInt(4) == 0;
      trial("seed " + seed + " trial " + i, format, signal, delayMs, twice);
    }
  }

  /**
   * With {@code --protect-dependencies} the run reads every remaining version's dependencies before
   * it writes: a signal while it reads them, or once it writes, leaves a report that matches the
   * state (nothing written before the reading is done).
   */
  @Test
  void aSignalWhileDependenciesAreReadOrAfterLeavesAValidReport() throws Exception {
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    String[] formats = {"json", "ndjson", "csv"};
    for (int i = 0; i < 3; i++) {
      trial(
          "seed " + seed + " dependencies trial " + i,
          formats[i],
          random.nextBoolean() ? "INT" : "TERM",
          i == 0 ? random.nextInt(60) : random.nextInt(2500), // the first while reading
          false,
          false,
          true);
    }
  }

  @Test
  void aSecondSignalStopsWaitingButStillWritesAWholeReport() throws Exception {
    trial("twice", "json", "INT", 300, true);
  }

  /**
   * Ctrl-C at the {@code [y/N]} prompt (on a real terminal: {@code script} gives the process a pty)
   * ends the run at once, with a newline, "nothing was changed", a whole report and exit 130.
   */
  @Test
  void ctrlCAtThePromptEndsAtOnceAndChangesNothing() throws Exception {
    try (Sandbox sandbox = Sandbox.builder().generate(3, 5).start()) {
      Path out = dir.resolve("prompt.json");
      String command =
          Children.defaultSigintPrefix()
              + String.join(
                  " ",
                  quote(java()),
                  "-jar",
                  quote(JAR.toAbsolutePath().toString()),
                  "delete --domain caprune --repository generated --all -o json --endpoint-url",
                  quote(sandbox.endpoint().toString()),
                  ">",
                  quote(out.toString()));
      ProcessBuilder pb =
          new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
      pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
      pb.environment().put("AWS_REGION", "us-east-1");
      Process terminal = pb.start();
      StringBuilder screen = new StringBuilder();
      java.io.InputStream in = terminal.getInputStream();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!screen.toString().contains("[y/N]") && System.nanoTime() < deadline) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        screen.append((char) c);
      }
      assertThat(screen.toString()).as("the prompt appears").contains("[y/N]");
      ProcessHandle java =
          terminal
              .toHandle()
              .descendants()
              .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
              .findFirst()
              .orElseThrow();
      new ProcessBuilder("kill", "-INT", Long.toString(java.pid())).start().waitFor();
      // Nothing is typed after the signal: ending at all shows that no Enter is needed (the
      // bound only keeps a broken build from hanging; speed is not asserted here).
      assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).as("ends with no Enter").isTrue();
      screen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(terminal.exitValue()).as(screen.toString()).isEqualTo(ExitCodes.INTERRUPTED);
      String shown =
          screen.toString().replace("\r", "\\r").replace("\n", "\\n").replace("\u001b", "\\e");
      assertThat(screen.toString())
          .as(shown)
          .containsPattern("\\[y/N\\] \r?\n")
          .contains("nothing was changed");
      JsonNode report = JSON.readTree(out.toFile());
      assertThat(report.path("interrupted").asBoolean()).isTrue();
      assertThat(report.path("summary").path("notAttempted").asInt())
          .isEqualTo(report.path("summary").path("selected").asInt())
          .isPositive();
      assertThat(sandbox.calls("DeletePackageVersions")).isZero();
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Signals while {@code apply} loads and carries out a plan of 3,000 versions, timed from the
   * process start (so some land before the first call, while the plan is read).
   */
  @Test
  void aSignalWhileApplyLoadsOrRunsAPlanLeavesAValidReport() throws Exception {
    int trials = Math.max(2, Integer.getInteger("caprune.signalTrials", 8) / 2);
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    String[] formats = {"json", "ndjson", "csv"};
    for (int i = 0; i < trials; i++) {
      trial(
          "apply seed " + seed + " trial " + i,
          formats[i % formats.length],
          random.nextBoolean() ? "INT" : "TERM",
          300 + random.nextInt(2300),
          random.nextInt(4) == 0,
          true);
    }
  }

  private void trial(String name, String format, String signal, int delayMs, boolean twice)
      throws Exception {
    trial(name, format, signal, delayMs, twice, false);
  }

  private void trial(
      String name, String format, String signal, int delayMs, boolean twice, boolean apply)
      throws Exception {
    trial(name, format, signal, delayMs, twice, apply, false);
  }

  private void trial(
      String name,
      String format,
      String signal,
      int delayMs,
      boolean twice,
      boolean apply,
      boolean dependencies)
      throws Exception {
    String what =
        name
            + ": -o "
            + format
            + ", SIG"
            + signal
            + " after "
            + delayMs
            + " ms"
            + (twice ? " x2" : "")
            + (dependencies ? ", --protect-dependencies" : "");
    try (Sandbox sandbox =
        Sandbox.builder()
            .generate(apply ? 60 : 12, apply ? 50 : 25)
            .generateDependencies(dependencies ? 3 : 0)
            .latencyMs(15)
            .start()) {
      Map<String, String> before = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Path out = dir.resolve("out-" + Math.abs(what.hashCode()));
      Path err = dir.resolve("err-" + Math.abs(what.hashCode()));
      Process run;
      if (apply) {
        Path plan = dir.resolve("plan-" + Math.abs(what.hashCode()) + ".json");
        Process saving =
            caprune(
                dir.resolve("plan.out"),
                dir.resolve("plan.err"),
                "delete",
                "--domain",
                "caprune",
                "--repository",
                "generated",
                "--all",
                "--save-plan",
                plan.toString(),
                "--endpoint-url",
                sandbox.endpoint().toString());
        assertThat(saving.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(saving.exitValue()).as(Files.readString(dir.resolve("plan.err"))).isZero();
        sandbox.resetStats();
        run =
            caprune(
                out,
                err,
                "apply",
                plan.toString(),
                "--yes",
                "--concurrency",
                "3",
                "--max-write-rps",
                "15",
                "-o",
                format);
      } else {
        java.util.List<String> args =
            new java.util.ArrayList<>(
                java.util.List.of(
                    "delete",
                    "--domain",
                    "caprune",
                    "--repository",
                    "generated",
                    "--all",
                    "--yes",
                    "--concurrency",
                    "3",
                    "--max-write-rps",
                    "15",
                    "-o",
                    format,
                    "--endpoint-url",
                    sandbox.endpoint().toString()));
        if (dependencies) {
          args.add("--protect-dependencies");
        }
        run = caprune(out, err, args.toArray(String[]::new));
        awaitFirstCall(sandbox, run);
      }
      Thread.sleep(delayMs);
      boolean signalled = run.isAlive();
      if (signalled) {
        kill(signal, run);
        if (twice) {
          Thread.sleep(30);
          kill(signal, run);
        }
      }
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(what + ": ends after the signal").isTrue();
      String stderr = Files.readString(err);
      String stdout = Files.readString(out);
      String context =
          what + "\n--- stdout (head) ---\n" + head(stdout) + "\n--- stderr ---\n" + stderr;
      if (stdout.isEmpty()
          && totalCalls(sandbox) == 0
          && (run.exitValue() == 130 || run.exitValue() == 143)) {
        // The signal came while the JVM was still starting, before caprune's first line: the
        // JVM's own handling, and nothing was done.
        System.out.printf("%s: before caprune started (exit %d)%n", what, run.exitValue());
        return;
      }
      Map<String, String> results = dev.caprune.testing.Records.results(format, stdout, context);
      boolean finished = !results.containsValue("notAttempted") && !twice;
      if (signalled) {
        assertThat(run.exitValue()).as(context).isIn(ExitCodes.INTERRUPTED, finished ? 0 : -1);
      } else {
        assertThat(run.exitValue()).as(context).isZero();
      }
      System.out.printf(
          "%s: exit %d, %d versions reported, %d done%n",
          what,
          run.exitValue(),
          results.size(),
          results.values().stream()
              .filter(r -> r.equals("succeeded") || r.equals("alreadyDone"))
              .count());
      Map<String, String> after = FaultMatrixTest.statuses(JSON.readTree(sandbox.stateJson()));
      Set<String> changed = new HashSet<>();
      before.forEach(
          (k, v) -> {
            if (!v.equals(after.get(k))) {
              changed.add(k);
            }
          });
      Set<String> done = new HashSet<>();
      Set<String> unknown = new HashSet<>();
      results.forEach(
          (k, r) -> {
            if (r.equals("succeeded") || r.equals("alreadyDone")) {
              done.add(k);
            } else if (r.equals("OUTCOME_UNKNOWN")) {
              unknown.add(k);
            }
          });
      assertThat(changed).as(context).isSubsetOf(results.keySet());
      assertThat(done).as(context).isSubsetOf(changed);
      Set<String> doneOrUnknown = new HashSet<>(done);
      doneOrUnknown.addAll(unknown);
      assertThat(changed).as(context).isSubsetOf(doneOrUnknown);
      if (!twice) {
        assertThat(unknown).as(context + ": one signal waits for every call").isEmpty();
      }
    }
  }

  /**
   * {@code --delete-empty-packages} under a real signal at a random moment (while deleting
   * versions, or deleting the emptied packages): the JSON report is whole, every package it says
   * was deleted is gone, and every package that is gone is reported deleted or of unknown outcome.
   */
  @Test
  void aSignalDuringDeleteEmptyPackagesLeavesAReportThatMatchesThePackagesGone() throws Exception {
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < 3; i++) {
      int delayMs =
          100 + random.nextInt(4000); // from the first call: ~1.5 s of versions, then packages
      String what = "seed " + seed + " trial " + i + ": SIGINT after " + delayMs + " ms";
      try (Sandbox sandbox = Sandbox.builder().generate(12, 8).latencyMs(15).start()) {
        Set<String> before = packages(JSON.readTree(sandbox.stateJson()));
        Path out = dir.resolve("empty-out-" + i);
        Path err = dir.resolve("empty-err-" + i);
        Process run =
            caprune(
                out,
                err,
                "delete",
                "--domain",
                "caprune",
                "--repository",
                "generated",
                "--all",
                "--no-protect-latest",
                "--delete-empty-packages",
                "--yes",
                "--concurrency",
                "3",
                "--max-write-rps",
                "10",
                "-o",
                "json",
                "--endpoint-url",
                sandbox.endpoint().toString());
        awaitFirstCall(sandbox, run);
        Thread.sleep(delayMs);
        if (run.isAlive()) {
          kill("INT", run);
        }
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(what).isTrue();
        String context = what + "\nstdout: " + head(read(out)) + "\nstderr: " + head(read(err));
        assertThat(run.exitValue()).as(context).isIn(0, 1, ExitCodes.INTERRUPTED);
        JsonNode report = JSON.readTree(read(out));
        assertThat(report.has("summary")).as(context).isTrue();
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(packages(JSON.readTree(sandbox.stateJson())));
        Set<String> reportedDeleted = new HashSet<>();
        Set<String> deletedOrUnknown = new HashSet<>();
        for (JsonNode p : report.path("emptyPackages")) {
          String key =
              p.path("repository").asText()
                  + "|"
                  + p.path("format").asText()
                  + "|"
                  + p.path("namespace").asText("")
                  + "|"
                  + p.path("package").asText();
          String result = p.path("result").asText();
          if (result.equals("deleted")) {
            reportedDeleted.add(key);
          }
          if (result.equals("deleted") || result.equals("outcomeUnknown")) {
            deletedOrUnknown.add(key);
          }
        }
        assertThat(gone).as(context).containsAll(reportedDeleted);
        assertThat(deletedOrUnknown).as(context).containsAll(gone);
        System.out.printf(
            "%s: exit %d, %d of %d packages gone, %d reported deleted%n",
            what, run.exitValue(), gone.size(), before.size(), reportedDeleted.size());
      }
    }
  }

  /** Every package of the sandbox, as repository|format|namespace|name. */
  private static Set<String> packages(JsonNode state) {
    Set<String> out = new HashSet<>();
    for (JsonNode d : state.path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          out.add(
              r.path("name").asText()
                  + "|"
                  + p.path("format").asText()
                  + "|"
                  + p.path("namespace").asText("")
                  + "|"
                  + p.path("name").asText());
        }
      }
    }
    return out;
  }

  private static String head(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }

  /**
   * Waits (at most 30 s) until caprune has made its first call, or has ended: a trial's moment is
   * counted from there, since a signal while the JVM is still starting ({@code java -jar}, no
   * archive: up to a second on a busy machine) tests the JVM, not the run.
   */
  private static void awaitFirstCall(Sandbox sandbox, Process run) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (totalCalls(sandbox) == 0 && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
  }

  private static long totalCalls(Sandbox sandbox) {
    return sandbox.calls().values().stream().mapToLong(Long::longValue).sum();
  }

  private static void kill(String signal, Process p) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  private Process caprune(Path out, Path err, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
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

  private static String java() {
    return Children.java();
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
