package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * stdout lost while a paced run waits: eight packages of one write each at 0.5 writes a second, so
 * that when the first package's record fails to reach stdout the seven others are waiting for their
 * slots, 2 to 14 s ahead. The run must stop there (exit 1, as documented for a stream that fails),
 * send none of those writes, and say on stderr exactly what it did.
 */
class PacedOutputTest {

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

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aStdoutClosedWhileWritesWaitForTheirSlotsStopsThemAll() throws Exception {
    try (SandboxHarness h = new SandboxHarness(Sandbox.builder().generate(8, 3).start())) {
      Set<String> before = SandboxState.versions(h.state());
      StringWriter err = new StringWriter();
      int code =
          Caprune.run(
              h.context(),
              ReportWriter.over(failingAfter(0, "Broken pipe")),
              new PrintWriter(err, true),
              "delete",
              "--domain",
              "caprune",
              "--repository",
              "generated",
              "--all",
              "--yes",
              "--concurrency",
              "8",
              "--max-write-rps",
              "0.5",
              "-o",
              "ndjson",
              "--endpoint-url",
              h.sandbox.endpoint().toString());
      String context = "exit " + code + "\n" + err;
      assertThat(code).as(context).isEqualTo(ExitCodes.RUNTIME);
      assertThat(err.toString()).as(context).contains("caprune stopped starting new work");
      assertThat(err.toString()).doesNotContain("interrupted");
      // Only the write that was due at once went out; the seven waiting for their slots did not.
      long writes = h.calls("DeletePackageVersions");
      assertThat(writes).as(context).isEqualTo(1);
      Set<String> after = SandboxState.versions(h.state());
      int changed = 0;
      for (String line : before) {
        if (!after.contains(line)) {
          changed++;
        }
      }
      Matcher m = Pattern.compile("(\\d+) deleted").matcher(err.toString());
      assertThat(m.find()).as(context).isTrue();
      assertThat(Integer.parseInt(m.group(1)))
          .as(context + "\nwhat stderr says was done is what changed")
          .isEqualTo(changed)
          .isEqualTo(2);
    }
  }
}
