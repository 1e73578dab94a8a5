package dev.caprune.cli;

import dev.caprune.report.OutputFormat;
import dev.caprune.report.Query;
import dev.caprune.report.Renderer;
import dev.caprune.run.CapruneException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How results are written to stdout. */
public final class OutputOptions {
  /**
   * What {@code --long} does, for the commands that write an action's table (each declares the flag
   * where its help lists it).
   */
  static final String LONG =
      "On a terminal, show every version in the table even in a big run (over "
          + Renderer.BIG_RUN
          + " versions: one line per package and every failure otherwise).";

  @Option(
      names = {"-o", "--output"},
      // Not FORMAT: the completion scripts key value lists on the label, and --format has it.
      paramLabel = "OUTPUT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--no-color", description = "No colours in the table (also: NO_COLOR set).")
  boolean noColor;

  @Option(
      names = "--query",
      paramLabel = "EXPR",
      description =
          "A JMESPath expression applied to the JSON document (-o json) or to each line (-o"
              + " ndjson); what it gives is printed instead, e.g. --query summary.selected.")
  String query;

  /**
   * {@code --query}, checked before any call: null when not given.
   *
   * @throws CapruneException exit 2 when it is not JMESPath, or the format is not JSON
   */
  Query query() {
    if (query == null) {
      return null;
    }
    if (format != OutputFormat.json && format != OutputFormat.ndjson) {
      throw CapruneException.usage("--query goes with -o json or -o ndjson, not -o " + format);
    }
    try {
      return Query.compile(query);
    } catch (IllegalArgumentException e) {
      throw CapruneException.usage(e.getMessage());
    }
  }

  /** Colour only on an interactive terminal, and never when asked not to. */
  boolean color(CliContext context) {
    return !noColor
        && context.terminal().interactive()
        && (context.env().get("NO_COLOR") == null || context.env().get("NO_COLOR").isEmpty())
        && !"dumb".equals(context.env().get("TERM"));
  }

  /** The renderer of the chosen format, writing to {@code out}. */
  Renderer renderer(CliContext context, PrintWriter out) {
    return Renderer.of(format, out, color(context), false, query());
  }

  /**
   * The renderer of an action's report: on a terminal, unless {@code --long}, a big run's table is
   * summed up per package (every failure still in full).
   */
  Renderer actionRenderer(CliContext context, PrintWriter out, boolean longTable) {
    return Renderer.of(
        format, out, color(context), !longTable && context.terminal().stdout(), query());
  }
}
