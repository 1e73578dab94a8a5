package dev.caprune.cli;

import dev.caprune.logging.Logging;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -v}/{@code -q}, mixed into every command. Each command has its own instance; the values
 * are stored on the top-level command's instance so there is one place to read them from. What they
 * mean for the logs is {@code dev.caprune.logging}'s: {@link #apply}.
 */
public final class LoggingOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  private int verbosity;
  private boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      arity = "0", // a flag, also for the completion scripts (boolean[] would look like a value)
      description = "More detail on stderr: -v progress lines, -vv debug, -vvv SDK wire debug.")
  void setVerbose(boolean[] verbose) {
    root().verbosity = verbose.length;
  }

  @Option(
      names = {"-q", "--quiet"},
      description = "Only errors on stderr: no progress, no warnings.")
  void setQuiet(boolean quiet) {
    root().quiet = quiet;
  }

  private LoggingOptions root() {
    Object top = mixee.root().userObject();
    return top instanceof Caprune c ? c.logging() : this;
  }

  public int verbosity() {
    return root().verbosity;
  }

  public boolean quiet() {
    return root().quiet;
  }

  /** Sets the log levels these options ask for ({@link Logging}); once a command is parsed. */
  void apply() {
    Logging.configure(verbosity(), quiet());
  }
}
