package dev.caprune.cli;

import dev.caprune.execute.Progress;
import dev.caprune.execute.Stop;
import dev.caprune.run.Console;
import dev.caprune.run.Interrupts;
import dev.caprune.run.RunContext;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The console a run talks to: the command's out and err, the terminal, the progress display. */
final class TerminalConsole implements Console {
  private final CliContext context;
  private final LoggingOptions logging;
  private final PrintWriter out;
  private final PrintWriter err;

  private TerminalConsole(
      CliContext context, LoggingOptions logging, PrintWriter out, PrintWriter err) {
    this.context = context;
    this.logging = logging;
    this.out = out;
    this.err = err;
    OutOfMemory.newRun(); // a run of its own: its line is said once
  }

  /** What a run of the command {@code spec} needs from the world. */
  static RunContext runContext(CliContext context, CommandSpec spec, LoggingOptions logging) {
    Console console =
        new TerminalConsole(
            context, logging, spec.commandLine().getOut(), spec.commandLine().getErr());
    return new RunContext(
        context.clock(), context.gateways(), context.env(), console, VersionProvider::version);
  }

  @Override
  public PrintWriter out() {
    return out;
  }

  @Override
  public PrintWriter err() {
    return err;
  }

  @Override
  public boolean interactive() {
    return context.terminal().interactive();
  }

  @Override
  public String readLine() {
    return context.terminal().readLine().get();
  }

  @Override
  public AutoCloseable progress(Progress progress, String verb) {
    return ProgressDisplay.start(context, logging, progress, verb, err);
  }

  @Override
  public Interrupts interrupts(Stop stop) {
    return Signals.install(stop);
  }

  @Override
  public String reportProblem() {
    return ReportWriter.problem(out);
  }

  @Override
  public String oneLine(String message) {
    return ExceptionHandler.oneLine(message);
  }

  @Override
  public void outOfMemory() {
    OutOfMemory.say(err);
  }
}
