package dev.caprune.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command. {@link #run} is the one entry point for {@code main} and for tests. */
@Command(
    name = "caprune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Clean up package versions in AWS CodeArtifact in bulk, safely.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      VersionsCommand.class,
      DeleteCommand.class,
      ArchiveCommand.class,
      UnlistCommand.class,
      RestoreCommand.class,
      DisposeCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      SandboxCommand.class,
      CompletionCommand.class
    },
    footerHeading = "%nExit codes:%n")
public final class Caprune implements Runnable {
  @Spec CommandSpec spec;

  @Mixin private LoggingOptions logging;

  private final CliContext context;

  Caprune(CliContext context) {
    this.context = context;
  }

  LoggingOptions logging() {
    return logging;
  }

  CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(CliContext.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs caprune with the real clock, terminal and AWS client factory. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(CliContext.system(), out, err, args);
  }

  /** Runs caprune with what talks to the world injected (tests pass a fixed clock, no terminal). */
  public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
    return commandLine(context, out, err).execute(args);
  }

  /**
   * The configured command line: out/err, exit codes and the exception handler set in one place.
   */
  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    Caprune top = new Caprune(context);
    CommandLine cmd = new CommandLine(top, new ContextFactory(context));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(true);
    cmd.setExecutionStrategy(new Startup(top));
    cmd.setExecutionExceptionHandler(new ExceptionHandler(top));
    cmd.setParameterExceptionHandler(new ExceptionHandler(top));
    top.spec.usageMessage().footer(ExitCodes.HELP);
    for (CommandLine sub : cmd.getSubcommands().values()) {
      Object command = sub.getCommand();
      if (command instanceof ActionCommand
          || command instanceof VersionsCommand
          || command instanceof ApplyCommand) {
        // After each command's examples: the exit codes every scripted run needs.
        var usage = sub.getCommandSpec().usageMessage();
        java.util.List<String> footer =
            new java.util.ArrayList<>(java.util.List.of(usage.footer()));
        footer.add("%nExit codes:");
        footer.addAll(java.util.List.of(ExitCodes.HELP));
        usage.footer(footer.toArray(String[]::new));
      }
    }
    cmd.setExitCodeExceptionMapper(
        e -> e instanceof CapruneException c ? c.exitCode() : ExitCodes.RUNTIME);
    return cmd;
  }
}
