package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code packaging/quickstart.sh}: plain text when stdout is a file or a pipe, bold command lines
 * only on a terminal and without {@code NO_COLOR}.
 */
class QuickstartIT {
  private static final Path SCRIPT = Path.of("packaging/quickstart.sh");

  @TempDir Path dir;

  /** The whole quick start (about 15 s: six JVM starts) with stdout to a file. */
  @Test
  void toAFileItWritesNoEscapeCodes() throws Exception {
    Path out = dir.resolve("quickstart.out");
    Path err = dir.resolve("quickstart.err");
    ProcessBuilder pb =
        new ProcessBuilder("sh", SCRIPT.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    withJava(pb.environment()).remove("NO_COLOR");
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text + Files.readString(err)).isZero();
    assertThat(text)
        .contains("\n$ caprune versions --domain acme --repository snapshots --format maven\n")
        .contains("Done.")
        .doesNotContain("\u001b");
  }

  /**
   * The colour decision, the script's own block run alone (the whole quick start three times would
   * take 45 s): nothing to a pipe, bold on a terminal, nothing on a terminal with NO_COLOR set.
   */
  @Test
  void boldOnlyOnATerminalAndNotWithNoColor() throws Exception {
    String script = Files.readString(SCRIPT);
    String block =
        script.substring(script.indexOf("# colour: begin"), script.indexOf("# colour: end"));
    Path probe = dir.resolve("probe.sh");
    Files.writeString(probe, block + "printf '[%s|%s]' \"$bold\" \"$plain\"\n");

    assertThat(run(false, null, probe)).isEqualTo("[|]");
    assertThat(run(true, null, probe)).contains("[\u001b[1m|\u001b[0m]");
    assertThat(run(true, "1", probe)).contains("[|]");
  }

  private String run(boolean terminal, String noColor, Path probe) throws Exception {
    ProcessBuilder pb =
        terminal
            ? new ProcessBuilder("script", "-qfec", "sh '" + probe + "'", "/dev/null")
            : new ProcessBuilder("sh", probe.toString());
    pb.redirectErrorStream(true);
    pb.environment().remove("NO_COLOR");
    if (noColor != null) {
      pb.environment().put("NO_COLOR", noColor);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** The JDK that runs the tests first on PATH, for the script's {@code java}. */
  private static Map<String, String> withJava(Map<String, String> env) {
    env.put(
        "PATH",
        Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", ""));
    return env;
  }
}
