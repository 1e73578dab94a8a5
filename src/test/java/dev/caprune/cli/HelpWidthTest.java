package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.testing.SandboxHarness;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Every command's and subcommand's {@code --help}, hidden ones too (the whole picocli tree), at 80
 * and at 200 columns: whole. No line wider than the width; each command's summary in a command list
 * is a whole sentence, the start of that command's own description (never cut mid-sentence); and no
 * continuation of an option's or a table row's description starts at column 0.
 */
class HelpWidthTest {
  private static CommandLine model(int columns) {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CliContext context =
        new CliContext(
            Clock.fixed(SandboxHarness.NOW, ZoneOffset.UTC),
            (settings, guard) -> SdkGateways.open(settings, Map.of(), guard),
            CliContext.Terminal.none(),
            Map.of("COLUMNS", String.valueOf(columns)));
    return Caprune.commandLine(context, none, none);
  }

  /** Every command in the tree by its path ("caprune policy schema"), aliases once. */
  private static Map<String, CommandLine> tree(CommandLine root) {
    Map<String, CommandLine> all = new LinkedHashMap<>();
    collect(root, "caprune", all);
    return all;
  }

  private static void collect(CommandLine cmd, String path, Map<String, CommandLine> all) {
    all.put(path, cmd);
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) {
                collect(sub, path + " " + name, all);
              }
            });
  }

  private static String normal(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 200})
  void everyHelpIsWholeAtThisWidth(int columns) {
    Map<String, CommandLine> tree = tree(model(columns));
    assertThat(tree).containsKeys("caprune policy schema", "caprune sandbox", "caprune help");
    for (Map.Entry<String, CommandLine> e : tree.entrySet()) {
      String where = e.getKey() + " --help at " + columns;
      CommandLine cmd = e.getValue();
      String help = cmd.getUsageMessage(Ansi.OFF);
      List<String> lines = help.lines().toList();
      for (String line : lines) {
        assertThat(line.length()).as(where + ": " + line).isLessThanOrEqualTo(columns);
      }
      // An indented line (an option, a table row) is never continued at column 0.
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        String before = lines.get(i - 1);
        if (!line.isEmpty() && !line.startsWith(" ") && before.startsWith("  ")) {
          assertThat(line)
              .as(where + ": a line at column 0 right after an indented one:%n%s%n%s", before, line)
              .matches("[A-Z].*"); // a new heading or paragraph, not a sentence continued
        }
      }
      String options =
          cmd.getHelpFactory().create(cmd.getCommandSpec(), cmd.getColorScheme()).optionList();
      for (String line : options.lines().toList()) {
        assertThat(line).as(where + ": option list").startsWith(" ");
      }
      summaries(where, lines, cmd);
    }
  }

  /** Each entry of the "Commands:" list: a whole sentence, its command's description's start. */
  private static void summaries(String where, List<String> lines, CommandLine cmd) {
    int at = lines.indexOf("Commands:");
    if (at < 0) {
      assertThat(cmd.getSubcommands()).as(where + ": subcommands listed").isEmpty();
      return;
    }
    Map<String, StringBuilder> entries = new LinkedHashMap<>();
    StringBuilder current = null;
    for (int i = at + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^  (\\S+)\\s{2,}(\\S.*)$").matcher(line);
      if (m.matches() && cmd.getSubcommands().containsKey(m.group(1))) {
        current = new StringBuilder(m.group(2));
        entries.put(m.group(1), current);
      } else {
        assertThat(current).as(where + ": a continuation before any entry: " + line).isNotNull();
        assertThat(line).as(where + ": a summary continued under itself").startsWith("    ");
        current.append(' ').append(line.strip());
      }
    }
    List<String> listed = new ArrayList<>(entries.keySet());
    assertThat(listed).as(where).isNotEmpty();
    for (Map.Entry<String, StringBuilder> e : entries.entrySet()) {
      String summary = normal(e.getValue().toString());
      CommandLine sub = cmd.getSubcommands().get(e.getKey());
      String description =
          normal(String.join(" ", sub.getCommandSpec().usageMessage().description()));
      assertThat(summary)
          .as(where + ": the summary of '" + e.getKey() + "' is a whole sentence")
          .matches(".*[.!?)]");
      assertThat(description)
          .as(where + ": the summary of '" + e.getKey() + "' starts its description")
          .startsWith(summary.replaceAll("[.]$", ""));
    }
  }
}
