package dev.caprune.run;

import dev.caprune.report.OutputFormat;
import dev.caprune.report.Renderer;
import java.io.PrintWriter;

/**
 * How a run's report is written.
 *
 * @param format {@code -o}
 * @param color colours in the table (a terminal, and not {@code --no-color} or NO_COLOR)
 * @param abridgeBigRuns an action's big run is summed up per package in the table (stdout is a
 *     terminal, and not {@code --long})
 */
public record Output(OutputFormat format, boolean color, boolean abridgeBigRuns) {
  /** The renderer of the chosen format, writing to {@code out}. */
  public Renderer renderer(PrintWriter out) {
    return Renderer.of(format, out, color, false);
  }

  /** The renderer of an action's report: a big run's table summed up when asked. */
  public Renderer actionRenderer(PrintWriter out) {
    return Renderer.of(format, out, color, abridgeBigRuns);
  }
}
