package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.Children;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code java -jar target/caprune.jar} dry run whose package is being sorted on disk, sent
 * SIGINT or SIGTERM while its temporary files are there: it stops with its report, and leaves
 * nothing in {@code java.io.tmpdir}.
 */
class OffHeapSignalsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");

  private Path dir;
  private Process sandbox;
  private String endpoint;

  @BeforeEach
  void startSandbox() throws Exception {
    dir = Files.createTempDirectory("offheap-it");
    sandbox =
        new ProcessBuilder(
                Children.java(), "-jar", JAR.toString(), "sandbox", "--generate", "1x400000")
            .redirectError(dir.resolve("sandbox.err").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
    endpoint = out.readLine();
    assertThat(endpoint).as("sandbox endpoint line").startsWith("http://127.0.0.1:");
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.destroy();
    sandbox.waitFor(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalWhileSortingOnDiskLeavesNoTemporaryFile(String signal) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path report = dir.resolve("report.ndjson");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                Children.withDefaultSigint(
                    List.of(
                        Children.java(),
                        "-Xmx64m",
                        "-Djava.io.tmpdir=" + tmp,
                        "-jar",
                        JAR.toString(),
                        "delete",
                        "--domain",
                        "caprune",
                        "--repository",
                        "generated",
                        "--all",
                        "--dry-run",
                        "-o",
                        "ndjson",
                        "-q",
                        "--endpoint-url",
                        endpoint)))
            .redirectOutput(report.toFile())
            .redirectError(err.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    Process run = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (files(tmp) < 2) { // the private directory and a file in it
      assertThat(run.isAlive()).as("caprune ended before it wrote to disk").isTrue();
      assertThat(System.nanoTime()).as("no temporary file within 120 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    try (Stream<Path> made = Files.list(tmp)) {
      Path own = made.findFirst().orElseThrow();
      assertThat(own.getFileName().toString()).startsWith("caprune-");
      assertThat(Files.getPosixFilePermissions(own))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
              java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
    new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("caprune stops after SIG" + signal).isTrue();
    String stderr = Files.readString(err);
    assertThat(run.exitValue()).as(stderr).isNotZero();
    assertThat(files(tmp)).as("what is left in java.io.tmpdir").isZero();
    List<String> lines = Files.readAllLines(report);
    assertThat(lines).as(stderr).isNotEmpty();
    JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(summary.path("type").asText()).isEqualTo("summary");
    assertThat(summary.path("interrupted").asBoolean()).isTrue();
    assertThat(summary.path("selected").asInt()).isEqualTo(lines.size() - 1);
  }

  private static long files(Path tmp) throws Exception {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> !p.equals(tmp)).count();
    }
  }
}
