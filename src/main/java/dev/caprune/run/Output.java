package dev.caprune.run;

import dev.caprune.report.OutputFormat;
import dev.caprune.report.Query;
import dev.caprune.report.Renderer;
import java.io.PrintWriter;

/**
 * How a run's report is written.
 *
 * @param format {@code -o}
 * @param color colours in the table (a terminal, and not {@code --no-color} or NO_COLOR)
 * @param abridgeBigRuns an action's big run is summed up per package in the table (stdout is a
 *     terminal, and not {@code --long})
 * @param query {@code --query}, checked, or null
 */
public record Output(OutputFormat format, boolean color, boolean abridgeBigRuns, Query query) {
  public Output(OutputFormat format, boolean color, boolean abridgeBigRuns) {
    this(format, color, abridgeBigRuns, null);
  }

  /** The renderer of the chosen format, writing to {@code out}. */
  public Renderer renderer(PrintWriter out) {
    return Renderer.of(format, out, color, false, query);
  }

  /** The renderer of an action's report: a big run's table summed up when asked. */
  public Renderer actionRenderer(PrintWriter out) {
    return Renderer.of(format, out, color, abridgeBigRuns, query);
  }
}
