package dev.caprune.run;

import dev.caprune.execute.Progress;
import dev.caprune.execute.Stop;
import java.io.PrintWriter;

/**
 * The terminal a run talks to, implemented by the command line: the report's stream and the
 * people's stream, the prompt's input, the progress display and the signals that stop a run.
 */
public interface Console {
  /** The report: data only. */
  PrintWriter out();

  /** Messages, warnings, the prompt: for people. */
  PrintWriter err();

  /** Whether a person can be asked (stdin and stderr are a terminal). */
  boolean interactive();

  /** Reads one answer; blocks; null at the end of the input. */
  String readLine();

  /** Starts the progress display the options call for (or none) over these counters. */
  AutoCloseable progress(Progress progress, String verb);

  /** SIGINT and SIGTERM ask {@code stop} to stop, until closed. */
  Interrupts interrupts(Stop stop);

  /** Why writing the report failed (a closed pipe, a full disk), or null when nothing failed. */
  String reportProblem();

  /** A message as one line a terminal can show: credentials masked, controls escaped. */
  String oneLine(String message);

  /** Says once, without building anything, that the heap ran out. */
  void outOfMemory();
}
