package dev.caprune.report;

import dev.caprune.execute.Outcome.PackageOutcome;
import dev.caprune.report.View.VersionResult;
import dev.caprune.select.VersionSummary;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A report in a line format (ndjson, CSV), written as it goes: a line per selected version as each
 * package finishes (of an action, or of one target of a policy run), then the format's ending.
 * Packages finish on many threads, so each is written whole; nothing is written after the end.
 */
final class StreamedLines {
  private final PrintWriter out;
  private final boolean dryRun;
  private boolean finished;

  StreamedLines(PrintWriter out, boolean dryRun) {
    this.out = out;
    this.dryRun = dryRun;
  }

  /** The package's selected versions, one line each ({@code target} null for an action). */
  synchronized void write(String target, PackageOutcome p, Consumer<VersionResult> line) {
    if (finished) {
      return; // the document is whole: nothing may follow its ending
    }
    for (VersionSummary v : p.selected()) {
      line.accept(View.result(target, p, v, dryRun));
    }
    out.flush();
  }

  /** The format's ending, once; later packages are dropped. */
  synchronized void end(Runnable ending) {
    finished = true;
    ending.run();
    out.flush();
  }
}
