package dev.caprune.lambda;

import dev.caprune.execute.Progress;
import dev.caprune.execute.Stop;
import dev.caprune.logging.Redaction;
import dev.caprune.run.Console;
import dev.caprune.run.Interrupts;
import java.io.PrintWriter;

/**
 * The Lambda function's console: the record to stdout, people's lines to stderr (both to CloudWatch
 * Logs), no one to ask, no progress drawn, and no signal to trap (Lambda ends an invocation at its
 * timeout, not with a signal).
 */
final class LambdaConsole implements Console {
  private final PrintWriter out;
  private final PrintWriter err;

  LambdaConsole(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** One line, credentials masked and controls made visible. */
  static String line(String message) {
    return message == null ? "" : Redaction.clean(message.strip());
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
    return false;
  }

  @Override
  public String readLine() {
    return null;
  }

  @Override
  public AutoCloseable progress(Progress progress, String verb) {
    return () -> {};
  }

  @Override
  public Interrupts interrupts(Stop stop) {
    return new Interrupts() {
      @Override
      public void reporting(boolean on) {}

      @Override
      public void close() {}
    };
  }

  @Override
  public String reportProblem() {
    return out.checkError() ? "write error" : null;
  }

  @Override
  public String oneLine(String message) {
    return line(message);
  }

  @Override
  public void outOfMemory() {
    err.println("caprune: out of memory: give the function more memory (its heap grows with it)");
    err.flush();
  }
}
