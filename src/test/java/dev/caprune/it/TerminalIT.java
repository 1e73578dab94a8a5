package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.sandbox.Sandbox;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees on a real terminal ({@code script} gives {@code java -jar target/caprune.jar}
 * a pty for stdin and stderr; stdout goes to a file): the prompt naming where and what, then, after
 * "y", the progress line with its rate's unit, the total and an ETA.
 */
class TerminalIT {
  private static final Path JAR =
      Path.of(System.getProperty("caprune.target", "target"), "caprune.jar");

  @TempDir Path dir;

  @Test
  void thePromptNamesWhereAndWhatAndTheProgressLineHasItsUnitTotalAndEta() throws Exception {
    // 12 packages x 40 versions, 39 selected in each; writes paced at 4/s: about 3 s of work.
    try (Sandbox sandbox = Sandbox.builder().generate(12, 40).latencyMs(5).start()) {
      Path out = dir.resolve("report.json");
      String command =
          String.join(
              " ",
              quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
              "-jar",
              quote(JAR.toAbsolutePath().toString()),
              "delete --domain caprune --repository generated --all -o json --max-write-rps 4",
              "--endpoint-url",
              quote(sandbox.endpoint().toString()),
              ">",
              quote(out.toString()));
      ProcessBuilder pb =
          new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
      pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
      pb.environment().put("AWS_REGION", "us-east-1");
      pb.environment().put("TERM", "xterm");
      Process terminal = pb.start();
      java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
      InputStream in = terminal.getInputStream();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!screen.toString(StandardCharsets.UTF_8).contains("[y/N]")
          && System.nanoTime() < deadline) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        screen.write(c);
      }
      String prompt = screen.toString(StandardCharsets.UTF_8);
      assertThat(prompt)
          .as(shown(prompt))
          .contains("About to delete 468 versions of 12 packages:")
          .containsPattern("\n  account      \\d{12}\r?\n")
          .contains("  region       us-east-1")
          .contains("  domain       caprune")
          .contains("  repository   generated")
          .containsPattern("\n  packages      39  \\S+\r?\n")
          .containsPattern("\n +273  in 7 more packages\r?\n")
          .contains("Delete these 468 versions? [y/N]");
      OutputStream keys = terminal.getOutputStream();
      keys.write("y\n".getBytes(StandardCharsets.UTF_8));
      keys.flush();
      screen.write(in.readAllBytes());
      assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String all = screen.toString(StandardCharsets.UTF_8);
      assertThat(terminal.exitValue()).as(shown(all)).isZero();
      // The line is redrawn in place: each drawing starts with CR and "erase line".
      assertThat(all)
          .as(shown(all))
          .containsPattern(
              "\r\u001b\\[2K12/12 packages scanned · 468 selected · [\\d,]+/468 deleted"
                  + " · [\\d.,]+ versions/s · ETA \\d+:\\d\\d");
      String report = Files.readString(out);
      assertThat(report).doesNotContain("\u001b");
      assertThat(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(report)
                  .path("summary")
                  .path("succeeded")
                  .asInt())
          .isEqualTo(468);
    }
  }

  @Test
  void aTwentyThousandVersionRunOnATerminalIsSummedUpPerPackage() throws Exception {
    // 22 packages x 1,001 generated versions (some already archived or unlisted): over 20,000
    // selected.
    try (Sandbox sandbox = Sandbox.builder().generate(22, 1001).start()) {
      String command =
          String.join(
              " ",
              quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
              "-jar",
              quote(JAR.toAbsolutePath().toString()),
              "archive --domain caprune --repository generated --all --yes --no-color",
              "--endpoint-url",
              quote(sandbox.endpoint().toString()));
      ProcessBuilder pb =
          new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
      pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
      pb.environment().put("AWS_REGION", "us-east-1");
      pb.environment().put("TERM", "xterm");
      Process terminal = pb.start();
      terminal.getOutputStream().close();
      byte[] bytes = terminal.getInputStream().readAllBytes();
      assertThat(terminal.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String screen = new String(bytes, StandardCharsets.UTF_8);
      assertThat(terminal.exitValue()).as(shown(screen)).isZero();
      // What stays on the screen: each line after its last progress redraw ("erase line").
      List<String> lines =
          Stream.of(screen.split("\n"))
              .map(l -> l.substring(l.lastIndexOf("\u001b[2K") + 1).replace("[2K", "").strip())
              .toList();
      Matcher summary =
          Pattern.compile("Archived ([\\d,]+) of ([\\d,]+) versions in 22 packages")
              .matcher(screen);
      assertThat(summary.find()).as(shown(screen)).isTrue();
      int archived = Integer.parseInt(summary.group(1).replace(",", ""));
      assertThat(archived).isGreaterThan(20_000);
      assertThat(summary.group(2)).isEqualTo(summary.group(1));
      // One row per package, not 20,000 rows: the whole screen stays short.
      assertThat(lines).as(shown(screen)).hasSizeLessThan(40);
      assertThat(screen)
          .containsPattern("PACKAGE +FORMAT +SELECTED +ARCHIVED +ALREADY ARCHIVED +FAILED")
          .contains("--long or -o json shows every version");
      assertThat(lines.stream().filter(l -> l.matches("^\\S+ +\\S+ +(\\d+) +\\1 +0 +0 +0\\s*$")))
          .as(shown(screen))
          .hasSize(22);
    }
  }

  private static String shown(String screen) {
    return screen.replace("\r", "\\r").replace("\u001b", "\\e");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
