package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.Children;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT to a real {@code java -jar target/caprune.jar} process in the middle of a delete: exit
 * 130, a valid partial report that matches the sandbox, and a re-run finishes the job.
 */
class InterruptIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");

  @TempDir Path dir;
  private Process sandbox;
  private String endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startSandbox() throws Exception {
    sandbox =
        new ProcessBuilder(
                java(),
                "-jar",
                JAR.toString(),
                "sandbox",
                "--generate",
                "60x30",
                "--latency-ms",
                "20")
            .redirectError(dir.resolve("sandbox.err").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
    endpoint = out.readLine();
    assertThat(endpoint).as("sandbox endpoint line").startsWith("http://127.0.0.1:");
  }

  @AfterEach
  void stopSandbox() throws Exception {
    sandbox.destroy();
    sandbox.waitFor(10, TimeUnit.SECONDS);
  }

  private Process delete(Path stdout, String... extra) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java(),
                "-jar",
                JAR.toString(),
                "delete",
                "--domain",
                "caprune",
                "--repository",
                "generated",
                "--all",
                "--yes",
                "-o",
                "json",
                "--endpoint-url",
                endpoint));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(Children.withDefaultSigint(cmd))
            .redirectOutput(stdout.toFile())
            .redirectError(dir.resolve(stdout.getFileName() + ".err").toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    return pb.start();
  }

  @Test
  void sigintStopsCleanlyAndARerunFinishes() throws Exception {
    Path first = dir.resolve("first.json");
    // Slow writes, so that the run is surely in the middle when the signal comes.
    Process run = delete(first, "--max-write-rps", "4", "--concurrency", "2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stats().path("calls").path("DeletePackageVersions").asLong() < 4) {
      assertThat(run.isAlive()).as("caprune ended before it was interrupted").isTrue();
      assertThat(System.nanoTime()).as("no delete call within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("caprune stops after SIGINT").isTrue();
    assertThat(run.exitValue()).as(err(first)).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(err(first)).contains("interrupted");

    JsonNode report = JSON.readTree(first.toFile());
    JsonNode summary = report.path("summary");
    assertThat(report.path("interrupted").asBoolean()).isTrue();
    assertThat(summary.path("succeeded").asInt()).isPositive();
    assertThat(summary.path("failed").asInt()).isZero();
    assertThat(summary.path("succeeded").asInt() + summary.path("notAttempted").asInt())
        .isEqualTo(summary.path("selected").asInt());
    Set<String> deleted = new HashSet<>();
    for (JsonNode p : report.path("packages")) {
      p.path("successfulVersions")
          .fieldNames()
          .forEachRemaining(v -> deleted.add(p.path("package").asText() + "@" + v));
    }
    Set<String> present = present();
    assertThat(present).doesNotContainAnyElementsOf(deleted);

    // The same command again finishes the job.
    Path second = dir.resolve("second.json");
    Process rerun = delete(second);
    assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(rerun.exitValue()).as(err(second)).isZero();
    JsonNode again = JSON.readTree(second.toFile()).path("summary");
    assertThat(again.path("failed").asInt()).isZero();
    // Each package has 30 versions, of which the latest is protected: 29 x 60 deleted in all.
    assertThat(again.path("succeeded").asInt() + deleted.size())
        .as("both runs together deleted every selectable version once")
        .isEqualTo(29 * 60);
    // Only the protected latest version of each package is left.
    assertThat(present()).hasSize(60);
  }

  private JsonNode stats() throws Exception {
    return JSON.readTree(get("/_sandbox/stats"));
  }

  private Set<String> present() throws Exception {
    Set<String> out = new HashSet<>();
    for (JsonNode d : JSON.readTree(get("/_sandbox/state")).path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          for (JsonNode v : p.path("versions")) {
            out.add(p.path("name").asText() + "@" + v.path("version").asText());
          }
        }
      }
    }
    return out;
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String err(Path stdout) throws IOException {
    Path f = dir.resolve(stdout.getFileName() + ".err");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private static String java() {
    return Children.java();
  }
}
