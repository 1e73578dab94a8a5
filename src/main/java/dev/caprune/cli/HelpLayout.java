package dev.caprune.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} looks, for every command, set in one place from the command model:
 *
 * <ul>
 *   <li>the width: {@code $COLUMNS} when set, else the terminal's, else 80;
 *   <li>text wraps at spaces only, never inside a token ({@code 1.0-20250101.120000-3}, {@code
 *       ~/.aws/credentials});
 *   <li>the examples (each command's footer) print verbatim: one example per line or {@code \}
 *       continuations, so that they can be copied and pasted;
 *   <li>the exit codes, the ones this command can return ({@link ExitCodeList#of(CommandSpec)});
 *   <li>options a command takes from a shared mixin but does not honour ({@link Declines}) are
 *       hidden from help, the man page and the completion scripts.
 * </ul>
 */
final class HelpLayout {
  /** The width when neither {@code $COLUMNS} nor the terminal says. */
  static final int FALLBACK_WIDTH = 80;

  /** picocli refuses narrower. */
  private static final int MIN_WIDTH = 55;

  /** The heading every command's examples (its footer) go under. */
  static final String EXAMPLES_HEADING = "%nExamples:%n";

  /**
   * A command that takes an option from a shared mixin but does not honour it: the option is hidden
   * (still parsed, so that the command can say why it refuses it, or accept it as the no-op it is).
   */
  interface Declines {
    /** The options' longest names, e.g. {@code --explain}. */
    List<String> declined();
  }

  private HelpLayout() {}

  /** Applies the layout to {@code root} and every subcommand present. */
  static void apply(CommandLine root, Map<String, String> env) {
    Integer columns = columns(env);
    root.setHelpFactory(Wrapping::new);
    visit(root, columns);
  }

  private static void visit(CommandLine cmd, Integer columns) {
    CommandSpec spec = cmd.getCommandSpec();
    UsageMessageSpec usage = spec.usageMessage();
    if (columns != null) {
      usage.autoWidth(false).width(columns);
    } else {
      usage.width(FALLBACK_WIDTH).autoWidth(true); // picocli asks the terminal, else 80
    }
    if (cmd.getCommand() instanceof Declines d) {
      hide(spec, d.declined());
    }
    usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodeList.of(spec));
    Map<String, CommandLine.IHelpSectionRenderer> sections =
        new LinkedHashMap<>(usage.sectionMap());
    sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
    usage.sectionMap(sections);
    // The examples before the exit codes: what to type first, what it returns after.
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.remove(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    keys.remove(UsageMessageSpec.SECTION_KEY_FOOTER);
    int at = keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
    keys.add(at, UsageMessageSpec.SECTION_KEY_FOOTER);
    keys.add(at, UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    usage.sectionKeys(keys);
    for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
      if (e.getKey().equals(e.getValue().getCommandName())) { // aliases: the same command again
        visit(e.getValue(), columns);
      }
    }
  }

  /** {@code $COLUMNS} as a help width, or null when it is not set to a number. */
  static Integer columns(Map<String, String> env) {
    String value = env.get("COLUMNS");
    if (value == null || !value.strip().matches("[0-9]{1,4}")) {
      return null;
    }
    int n = Integer.parseInt(value.strip());
    return n == 0 ? null : Math.max(MIN_WIDTH, n);
  }

  private static void hide(CommandSpec spec, List<String> names) {
    for (String name : names) {
      OptionSpec option = spec.findOption(name);
      if (option == null) {
        throw new IllegalStateException(spec.qualifiedName() + " has no option " + name);
      }
      if (!option.hidden()) {
        spec.remove(option);
        spec.addOption(option.toBuilder().hidden(true).build());
      }
    }
  }

  /** The description, wrapped at spaces only. */
  private static String description(Help help) {
    return wrap(help, help.commandSpec().usageMessage().description());
  }

  /** The examples, verbatim: never wrapped, whatever the width. */
  private static String footer(Help help) {
    StringBuilder s = new StringBuilder();
    for (String line : help.commandSpec().usageMessage().footer()) {
      s.append(help.colorScheme().text(String.format(line)).toString())
          .append(System.lineSeparator());
    }
    return s.toString();
  }

  private static String wrap(Help help, String[] lines) {
    if (lines == null || lines.length == 0) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    TextTable table = new SpaceWrapping(help.colorScheme(), new Column(width, 0, Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String line : lines) {
      for (String part : String.format(line).split("\\R", -1)) {
        if (part.contains("@|") || part.length() <= width) {
          table.addRowValues(help.colorScheme().text(part));
        } else {
          for (String piece : hanging(part, width)) {
            table.addRowValues(help.colorScheme().text(piece));
          }
        }
      }
    }
    return table.toString();
  }

  /**
   * A line of a description wider than {@code width}, broken at spaces, each continuation indented
   * under the text it continues: a table row ({@code " GET /stats calls per operation, ..."}) under
   * its last column, an indented line under its first word, a paragraph at column 0.
   */
  static List<String> hanging(String line, int width) {
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    int hang = lead;
    java.util.regex.Matcher gap = java.util.regex.Pattern.compile(" {2,}").matcher(line);
    while (gap.find(hang) && gap.end() < width - 20 && gap.start() > lead) {
      hang = gap.end();
    }
    if (hang > width - 20) {
      hang = Math.min(lead, Math.max(0, width - 20));
    }
    List<String> out = new ArrayList<>();
    String indent = "";
    int start = 0;
    while (start < line.length()) {
      int room = width - indent.length();
      int end = SpaceWrapping.breakAt(line, start, room);
      out.add(indent + line.substring(start, end));
      start = end;
      while (start < line.length() && line.charAt(start) == ' ') {
        start++;
      }
      indent = " ".repeat(hang);
    }
    return out;
  }

  /** picocli's help with the option descriptions wrapped at spaces only. */
  static final class Wrapping extends Help {
    Wrapping(CommandSpec spec, ColorScheme scheme) {
      super(spec, scheme);
    }

    @Override
    public Layout createDefaultLayout(
        List<OptionSpec> options,
        List<CommandLine.Model.PositionalParamSpec> positionals,
        ColorScheme scheme) {
      int longOptions = calcLongOptionColumnWidth(options, positionals, scheme);
      int width = commandSpec().usageMessage().width();
      // picocli's default columns (TextTable.forDefaultColumns), with spaces-only wrapping.
      TextTable table =
          new SpaceWrapping(
              scheme,
              new Column(2, 0, Overflow.TRUNCATE),
              new Column(2, 0, Overflow.SPAN),
              new Column(1, 0, Overflow.TRUNCATE),
              new Column(longOptions, 1, Overflow.SPAN),
              new Column(width - 5 - longOptions, 1, Overflow.WRAP));
      return new Layout(
          scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }
  }

  /**
   * A text table whose wrapping columns break lines at spaces only. picocli breaks where {@link
   * java.text.BreakIterator} allows, which splits {@code (1.0-20250101.120000-3)} and {@code
   * ~/.aws/credentials} across lines: text that must be copied whole.
   */
  static final class SpaceWrapping extends TextTable {
    private final Help.ColorScheme scheme;

    SpaceWrapping(Help.ColorScheme scheme, Column... columns) {
      super(scheme, columns);
      this.scheme = scheme;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      if (column.overflow != Overflow.WRAP || value == null) {
        return super.putValue(row, col, value);
      }
      String plain = value.plainString();
      int room = column.width - column.indent;
      if (plain.length() <= room) {
        return super.putValue(row, col, value);
      }
      Cell cell = null;
      int start = 0;
      int line = row;
      String indent = "";
      while (start < plain.length()) {
        int end = breakAt(plain, start, room - indent.length());
        Text piece = value.substring(start, end);
        cell =
            super.putValue(line, col, indent.isEmpty() ? piece : scheme.text(indent).concat(piece));
        start = end;
        while (start < plain.length() && plain.charAt(start) == ' ') {
          start++;
        }
        if (start < plain.length()) {
          addEmptyRow();
          line++;
          indent = " ".repeat(Math.min(indentWrappedLines, Math.max(0, room - 20)));
        }
      }
      return cell;
    }

    /**
     * The end of the longest run of {@code text} from {@code start} that fits {@code room} and ends
     * before a space; a word longer than the room is cut (nothing else fits).
     */
    static int breakAt(String text, int start, int room) {
      if (text.length() - start <= room) {
        return text.length();
      }
      int limit = start + Math.max(1, room);
      for (int i = limit; i > start; i--) {
        if (text.charAt(i) == ' ') {
          int end = i;
          while (end > start && text.charAt(end - 1) == ' ') {
            end--;
          }
          if (end > start) {
            return end;
          }
        }
      }
      return limit;
    }
  }
}
