package dev.caprune.cli;

import dev.caprune.report.OutputFormat;
import picocli.CommandLine.Option;

/** How results are written to stdout. */
public final class OutputOptions {
  @Option(
      names = {"-o", "--output"},
      // Not FORMAT: the completion scripts key value lists on the label, and --format has it.
      paramLabel = "OUTPUT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--no-color", description = "No colours in the table (also: NO_COLOR set).")
  boolean noColor;

  /**
   * Whether {@code args} probably ask for JSON (json or ndjson), read without picocli so that the
   * JSON writer can be made ready while picocli parses them ({@link Prewarm}).
   */
  static boolean guessJson(String... args) {
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String arg = args[i];
      String value = null;
      if ((arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length) {
        value = args[i + 1];
      } else if (arg.startsWith("--output=")) {
        value = arg.substring("--output=".length());
      } else if (arg.startsWith("-o")) {
        value = arg.substring(2).replaceFirst("^=", "");
      }
      if (value != null && (value.equalsIgnoreCase("json") || value.equalsIgnoreCase("ndjson"))) {
        return true;
      }
    }
    return false;
  }

  /** Colour only on an interactive terminal, and never when asked not to. */
  boolean color(CliContext context) {
    return !noColor
        && context.terminal().interactive()
        && (context.env().get("NO_COLOR") == null || context.env().get("NO_COLOR").isEmpty())
        && !"dumb".equals(context.env().get("TERM"));
  }
}
