package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A stdout that cannot be written is a failure, never a silent success: exit 1 and a line on stderr
 * that says what was done. A reader that quits early (a broken pipe) is not an error of the run
 * once it is done.
 */
class OutputFailureTest {

  /** Accepts {@code okBytes} bytes, then fails every write with {@code message}. */
  private static OutputStream failingAfter(int okBytes, String message) {
    return new OutputStream() {
      int written;

      @Override
      public void write(int b) throws IOException {
        if (written++ >= okBytes) {
          throw new IOException(message);
        }
      }
    };
  }

  private static CliResult run(SandboxHarness h, OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    PrintWriter out = ReportWriter.over(stdout);
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    all.add("--endpoint-url");
    all.add(h.sandbox.endpoint().toString());
    int code =
        Caprune.run(h.context(), out, new PrintWriter(err, true), all.toArray(String[]::new));
    return new CliResult(code, "", err.toString());
  }

  private static final String[] DELETE = {
    "delete",
    "--domain",
    "acme",
    "--repository",
    "releases",
    "--format",
    "npm",
    "--no-protect-latest",
    "--yes"
  };

  @Test
  void aFullDiskIsExit1WithALineThatSaysWhatWasDone() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      int before = h.sandbox.versionCount();
      CliResult r =
          run(h, failingAfter(0, "No space left on device"), Runs.with(DELETE, "-o", "json"));
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      assertThat(r.err())
          .as(r::toString)
          .contains("the report could not be written to stdout (No space left on device)")
          .contains("deleted");
      // The deletes happened: the line says how many, and they are gone.
      int deleted = before - h.sandbox.versionCount();
      assertThat(deleted).isPositive();
      assertThat(r.err()).contains(deleted + " deleted");
    }
  }

  @Test
  void aStreamThatFailsStopsNewWork() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      CliResult r =
          run(
              h,
              failingAfter(0, "Bad file descriptor"),
              Runs.with(DELETE, "-o", "ndjson", "--concurrency", "1"));
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      assertThat(r.err()).as(r::toString).contains("caprune stopped starting new work");
      assertThat(r.err()).doesNotContain("interrupted");
    }
  }

  @Test
  void aReaderThatQuitsAfterTheRunKeepsTheRunsExitCode() throws Exception {
    try (SandboxHarness h = SandboxHarness.seeded("basic.json")) {
      CliResult r = run(h, failingAfter(10, "Broken pipe"), Runs.with(DELETE, "-o", "json"));
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
      assertThat(r.err()).as(r::toString).contains("stdout was closed by its reader");
    }
  }
}
