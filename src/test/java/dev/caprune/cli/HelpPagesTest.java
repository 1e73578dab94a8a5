package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Runs;
import dev.caprune.testing.SandboxHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code --help} and the man pages show, per command (#14 item 4). */
class HelpPagesTest {
  private static CliResult help(Map<String, String> env, String command) {
    CliContext context =
        new CliContext(
            Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC),
            (settings, guard) -> SdkGateways.open(settings, Map.of(), guard),
            CliContext.Terminal.none(),
            env);
    List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
    args.remove(0); // caprune
    args.add("--help");
    CliResult r = Runs.run(context, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static final picocli.CommandLine MODEL = BuildTools.model();

  private static CommandSpec spec(String command) {
    CommandSpec spec = MODEL.getCommandSpec();
    for (String name : command.substring("caprune".length()).strip().split(" ")) {
      if (!name.isEmpty()) {
        spec = spec.subcommands().get(name).getCommandSpec();
      }
    }
    return spec;
  }

  /** The footer's lines as help must print them: verbatim. */
  private static List<String> examples(String command) {
    return Arrays.stream(spec(command).usageMessage().footer())
        .map(l -> String.format(l).replace("\r", ""))
        .toList();
  }

  private static List<String> examplesSection(String help) {
    List<String> lines = help.lines().toList();
    int at = lines.indexOf("Examples:");
    assertThat(at).as(help).isNotNegative();
    int end = at + 1;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    return lines.subList(at + 1, end);
  }

  @ParameterizedTest
  @ValueSource(ints = {55, 80, 120, 150, 240})
  void examplesKeepTheirShapeAtEveryWidth(int columns) {
    for (String command : DocExamplesTest.commandPaths()) {
      String out = help(Map.of("COLUMNS", String.valueOf(columns)), command).out();
      assertThat(examplesSection(out)).as(command + " at " + columns).isEqualTo(examples(command));
    }
  }

  @Test
  void examplesAreWrittenToFitEightyColumnsWithContinuations() {
    for (String command : DocExamplesTest.commandPaths()) {
      List<String> lines = examples(command);
      assertThat(lines).as(command + ": no examples").isNotEmpty();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        assertThat(line.length()).as(command + ": " + line).isLessThanOrEqualTo(80);
        assertThat(line).as(command).startsWith("  ");
        if (line.endsWith("\\")) {
          assertThat(line).as(command + ": a continuation after a space").endsWith(" \\");
          assertThat(lines.get(i + 1)).as(command + ": continued, indented").startsWith("      ");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {55, 67, 80, 117, 200})
  void noLineIsWiderThanTheWidthAndNoTokenIsSplit(int columns) {
    for (String command : DocExamplesTest.commandPaths()) {
      String out = help(Map.of("COLUMNS", String.valueOf(columns)), command).out();
      List<String> examples = examples(command);
      for (String line : out.lines().toList()) {
        if (!examples.contains(line)) {
          assertThat(line.length())
              .as(command + " at " + columns + ": " + line)
              .isLessThanOrEqualTo(columns);
        }
      }
    }
    String delete = help(Map.of("COLUMNS", String.valueOf(columns)), "caprune delete").out();
    assertThat(delete).contains("(1.0-20250101.120000-3)", "~/.aws/credentials;", "P90D,");
  }

  @Test
  void widthComesFromColumnsElseEighty() {
    String narrow = help(Map.of(), "caprune delete").out();
    String wide = help(Map.of("COLUMNS", "150"), "caprune delete").out();
    int narrowest = narrow.lines().mapToInt(String::length).max().orElseThrow();
    int widest = wide.lines().mapToInt(String::length).max().orElseThrow();
    assertThat(narrowest).isLessThanOrEqualTo(80);
    assertThat(widest).isGreaterThan(120).isLessThanOrEqualTo(150);
    assertThat(wide.lines().count()).isLessThan(narrow.lines().count());
    // Not a number: the default.
    assertThat(help(Map.of("COLUMNS", "wide"), "caprune delete").out()).isEqualTo(narrow);
  }

  /** In a real terminal (a pty from script(1)), the width is the terminal's. */
  @Test
  void aTerminalOf150ColumnsGetsWideHelp() throws Exception {
    assumeTrue(
        CompletionScriptsTest.onPath("script") && CompletionScriptsTest.onPath("stty"),
        "script(1) is not installed: help in a real terminal not checked");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "stty cols 150; exec "
            + java
            + " -cp "
            + System.getProperty("java.class.path")
            + " dev.caprune.cli.Caprune delete --help";
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null");
    pb.environment().remove("COLUMNS");
    pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String plain = out.replaceAll("\u001B\\[[0-9;]*m", "").replace("\r", "");
    int widest = plain.lines().mapToInt(String::length).max().orElseThrow();
    assertThat(widest).as(plain).isGreaterThan(100).isLessThanOrEqualTo(150);
    assertThat(examplesSection(plain)).isEqualTo(examples("caprune delete"));
  }

  @Test
  void optionsACommandDoesNotHonourAreNotOffered() {
    String apply = help(Map.of(), "caprune apply").out();
    assertThat(apply).doesNotContain("--explain").contains("--dry-run");
    String restore = help(Map.of(), "caprune restore").out();
    assertThat(restore).doesNotContain("--no-protect-latest").contains("--protect-file");
    String show = help(Map.of(), "caprune plan show").out();
    assertThat(show).doesNotContain("--no-color").contains("table, json (default: table)");
    assertThat(show).doesNotContain("ndjson");
    // The commands that honour them still offer them.
    assertThat(help(Map.of(), "caprune delete").out()).contains("--explain", "--no-protect-latest");
    assertThat(help(Map.of(), "caprune versions").out()).contains("--no-color");
    // Not in the man pages or the completion scripts either.
    Map<String, String> pages = BuildTools.manPages();
    assertThat(pages.get("caprune-apply")).doesNotContain("--explain");
    assertThat(pages.get("caprune-restore")).doesNotContain("no-protect-latest");
    assertThat(pages.get("caprune-plan-show")).doesNotContain("no-color");
  }

  @Test
  void hiddenOptionsStillAnswerAsBefore() throws Exception {
    try (SandboxHarness h =
        new SandboxHarness(Sandbox.builder().demo(SandboxHarness.NOW).start())) {
      // apply refuses --explain with a hint, as before it was hidden.
      CliResult apply = h.run("apply", "plan.json", "--explain");
      assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(apply.err()).contains("plan show");
      // restore accepts --no-protect-latest as the no-op it is.
      CliResult restore =
          h.run(
              "restore",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--status",
              "Archived",
              "--no-protect-latest",
              "--dry-run");
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      CliResult plain =
          h.run(
              "restore",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--status",
              "Archived",
              "--dry-run");
      assertThat(restore.out()).isEqualTo(plain.out());
    }
  }

  @Test
  void exitCodesInHelpAreTheCommandsOwn() {
    String delete = help(Map.of(), "caprune delete").out();
    assertThat(delete).contains("Exit codes:").containsPattern("(?m)^ +3 +partial failure");
    assertThat(delete).containsPattern("(?m)^ +130 +interrupted");
    String versions = help(Map.of(), "caprune versions").out();
    assertThat(versions).contains("Exit codes:").doesNotContainPattern("(?m)^ +[34] ");
    String check = help(Map.of(), "caprune policy check").out();
    assertThat(check).contains("Exit codes:").doesNotContain("130");
  }

  @Test
  void everyCommandHasAManPageWithEverySection() {
    Map<String, String> pages = BuildTools.manPages();
    assertThat(pages.keySet()).containsExactlyElementsOf(BuildTools.manPageNames());
    for (Map.Entry<String, String> e : pages.entrySet()) {
      String page = e.getValue();
      assertThat(page)
          .as(e.getKey())
          .contains(
              "== Name",
              "== Synopsis",
              "== Description",
              "== Options",
              "== Exit status",
              "== Environment",
              "== Files",
              "== Examples",
              "== See also");
      // A table (tbl), not a paragraph: one row per code.
      String exit = section(page, "Exit status");
      assertThat(exit).contains(".TS", "r lx.", ".TE").containsPattern("(?m)^0@T\\{$");
      assertThat(exit).containsPattern("(?m)^2@T\\{$");
      // The examples are the help's, verbatim.
      String command = e.getKey().replace('-', ' ');
      for (String line : examples(command)) {
        assertThat(section(page, "Examples")).as(e.getKey()).contains(line.substring(2));
      }
      assertThat(section(page, "Environment")).contains("CAPRUNE_JAVA_OPTS", "COLUMNS");
      assertThat(section(page, "Files")).contains("CAPRUNE_CACHE_DIR");
      assertThat(section(page, "See also")).contains("(1)");
      if (!e.getKey().equals("caprune")) {
        assertThat(section(page, "See also")).contains("*caprune*(1)");
      }
    }
  }

  @Test
  void manPageSectionsFollowWhatEachCommandDoes() {
    Map<String, String> pages = BuildTools.manPages();
    String delete = pages.get("caprune-delete");
    assertThat(section(delete, "Environment"))
        .contains("AWS_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_ENDPOINT_URL", "NO_COLOR");
    assertThat(section(delete, "Files"))
        .contains("--protect-file FILE", "--save-plan FILE", "~/.aws/config");
    assertThat(section(delete, "Exit status"))
        .containsPattern("(?m)^3@")
        .containsPattern("(?m)^130@");
    String versions = pages.get("caprune-versions");
    assertThat(section(versions, "Exit status")).doesNotContainPattern("(?m)^[34]@");
    String check = pages.get("caprune-policy-check");
    assertThat(section(check, "Environment")).doesNotContain("AWS_", "NO_COLOR");
    assertThat(section(check, "Files")).contains("`FILE`", "policy file");
    String sandbox = pages.get("caprune-sandbox");
    assertThat(section(sandbox, "Environment")).doesNotContain("AWS_PROFILE");
    assertThat(section(sandbox, "Files")).contains("--tls DIR", "--data FILE");
    assertThat(section(pages.get("caprune-policy"), "See also"))
        .contains("*caprune-policy-run*(1)", "*caprune-policy-check*(1)");
    assertThat(section(pages.get("caprune-plan-show"), "See also")).contains("*caprune-plan*(1)");
  }

  private static String section(String page, String title) {
    int at = page.indexOf("== " + title + "\n");
    assertThat(at).as(title + " in\n" + page).isNotNegative();
    int end = page.indexOf("\n== ", at + 3);
    return page.substring(at, end < 0 ? page.length() : end);
  }
}
