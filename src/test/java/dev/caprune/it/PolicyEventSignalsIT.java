package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.Children;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGINT or SIGTERM to a real {@code java -jar target/caprune.jar policy run POLICY --event
 * EVENT --yes -o ndjson}, while the event's package is listed or while its versions are deleted:
 * exit 130, every line of the record is whole JSON, and what it says was done is exactly what
 * changed (in that package alone). Trials: {@code -Dcaprune.signalTrials=N} (default 4 here; {@code
 * packaging/fault-matrix.sh} runs more).
 */
class PolicyEventSignalsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");
  private static final int VERSIONS = 1200;

  @TempDir Path dir;

  static String npm(String name, int n) {
    StringBuilder b =
        new StringBuilder("{\"format\": \"npm\", \"name\": \"" + name + "\", \"versions\": [");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"version\": \"1.0.")
          .append(i)
          .append("\", \"publishedTime\": \"2025-01-01T00:00:00Z\"}");
    }
    return b.append("]}").toString();
  }

  @Test
  void aSignalWhileTheEventsPackageIsListedOrTrimmedLeavesARecordThatMatchesTheState()
      throws Exception {
    int trials = Math.max(2, Integer.getInteger("caprune.signalTrials", 8) / 2);
    long seed = Long.getLong("caprune.signalSeed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < trials; i++) {
      String signal = random.nextBoolean() ? "INT" : "TERM";
      // The first trial while the package is listed (each call takes 150 ms), the rest anywhere.
      int delayMs = i == 0 ? random.nextInt(100) : random.nextInt(4000);
      trial(
          "seed " + seed + " trial " + i + ": SIG" + signal + " after " + delayMs + " ms",
          signal,
          delayMs);
    }
  }

  private void trial(String what, String signal, int delayMs) throws Exception {
    try (Sandbox sandbox =
        Sandbox.builder()
            .seedJson(
                """
                {"domains": [{"name": "acme", "owner": "111122223333", "repositories": [
                  {"name": "releases", "packages": [%s, %s]},
                  {"name": "snapshots", "packages": [%s]}]}]}
                """
                    .formatted(npm("app", VERSIONS), npm("apps", 30), npm("app", 30)))
            .latencyMs(150)
            .start()) {
      Path policy = dir.resolve("policy.yaml");
      Files.writeString(
          policy,
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
              keepLatest: 5
          """
              .formatted(sandbox.endpoint()));
      Path event = Path.of("src/test/resources/events/npm-published.json").toAbsolutePath();
      Map<String, String> before = statuses(sandbox);
      Path out = dir.resolve("out");
      Path err = dir.resolve("err");
      List<String> cmd = new ArrayList<>(List.of(Children.java(), "-jar", JAR.toString()));
      cmd.addAll(
          List.of(
              "policy",
              "run",
              policy.toString(),
              "--event",
              event.toString(),
              "--yes",
              "--max-write-rps",
              "3",
              "-o",
              "ndjson"));
      ProcessBuilder pb =
          new ProcessBuilder(Children.withDefaultSigint(cmd))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
      pb.environment().put("AWS_REGION", "us-east-1");
      Process run = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (total(sandbox) == 0 && run.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(delayMs);
      boolean signalled = run.isAlive();
      if (signalled) {
        new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
      }
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(what + ": ends").isTrue();
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String context =
          what
              + "\n--- stdout (head) ---\n"
              + stdout.substring(0, Math.min(2000, stdout.length()))
              + "\n--- stderr ---\n"
              + Files.readString(err, StandardCharsets.UTF_8);
      Map<String, String> results = new HashMap<>();
      assertThat(stdout).as(context).endsWith("\n");
      for (String l : stdout.split("\n")) {
        JsonNode n = JSON.readTree(l); // every line whole
        if (n.path("type").asText().equals("version")) {
          String r = n.path("result").asText();
          results.put(
              n.path("repository").asText()
                  + "|"
                  + n.path("package").asText()
                  + "@"
                  + n.path("version").asText(),
              r.equals("failed") ? n.path("errorCode").asText() : r);
        }
      }
      boolean finished =
          !results.isEmpty() && results.values().stream().allMatch("succeeded"::equals);
      assertThat(run.exitValue())
          .as(context)
          .isIn(
              signalled && !finished
                  ? List.of(ExitCodes.INTERRUPTED)
                  : List.of(0, ExitCodes.INTERRUPTED));
      Map<String, String> after = statuses(sandbox);
      Map<String, String> changed = new TreeMap<>();
      before.forEach(
          (k, v) -> {
            if (!v.equals(after.getOrDefault(k, "Deleted"))) {
              changed.put(k, after.getOrDefault(k, "Deleted"));
            }
          });
      Map<String, String> done = new TreeMap<>();
      results.forEach(
          (k, r) -> {
            if (r.equals("succeeded") || r.equals("alreadyDone")) {
              done.put(k, "Deleted");
            }
          });
      assertThat(done).as(context).isEqualTo(changed);
      assertThat(changed.keySet()).as(context).allMatch(k -> k.startsWith("releases|app@"));
      System.out.printf(
          "%s: exit %d, %d versions in the record, %d deleted%n",
          what, run.exitValue(), results.size(), done.size());
    }
  }

  private static long total(Sandbox s) {
    return s.calls().values().stream().mapToLong(Long::longValue).sum();
  }

  /** repository|package@version → status. */
  private static Map<String, String> statuses(Sandbox s) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : JSON.readTree(s.stateJson()).path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            out.put(
                r.path("name").asText()
                    + "|"
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
}
