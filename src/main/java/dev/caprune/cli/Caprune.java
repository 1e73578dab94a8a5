package dev.caprune.cli;

import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.startup.Preselection;
import dev.caprune.startup.Startup;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    description = {
      "Clean up package versions in AWS CodeArtifact in bulk, safely.",
      "Every command has --help and a manual page (man caprune-delete, man caprune-policy-run)."
    },
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune sandbox --demo      # a local endpoint with demo data; prints its URL",
      "  caprune versions --endpoint-url http://127.0.0.1:PORT \\",
      "      --domain acme --repository releases --explain",
      "  caprune delete --domain acme --repository snapshots --snapshot-builds \\",
      "      --older-than 30d --keep-latest 5 --dry-run"
    })
public final class Caprune implements Callable<Integer> {
  /**
   * The subcommands by name, in the order help lists them. Added in code rather than by
   * {@code @Command(subcommands = ...)}: a run builds only the commands it needs ({@link
   * Preselection#needed}), as building the whole model cost ~100 ms of every run. Each name is its
   * class's {@code @Command} name (a test holds them equal).
   */
  public static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("versions", VersionsCommand.class);
    m.put("usage", UsageCommand.class);
    m.put("delete", DeleteCommand.class);
    m.put("archive", ArchiveCommand.class);
    m.put("unlist", UnlistCommand.class);
    m.put("restore", RestoreCommand.class);
    m.put("dispose", DisposeCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("apply", ApplyCommand.class);
    m.put("policy", PolicyCommand.class);
    m.put("schema", SchemaCommand.class);
    m.put("sandbox", SandboxCommand.class);
    m.put("completion", CompletionCommand.class);
    m.put("help", HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

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

  /**
   * No command: the usage, as {@code caprune --help} prints it, on stderr, and exit 2, as git,
   * kubectl and the AWS CLI do: a script that lost its command must not look as if it succeeded.
   */
  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    cmd.usage(cmd.getErr(), cmd.getColorScheme());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    // The commands this run needs, read once; the SDK's tables start filling meanwhile.
    List<Class<?>> commands = Startup.begin(args);
    Signals.keepUntilExit = true;
    OutOfMemory.install();
    PrintWriter out = ReportWriter.stdout();
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code;
    try {
      code = run(CliContext.system(), out, err, commands, args);
    } catch (OutOfMemoryError e) {
      OutOfMemory.say();
      code = ExitCodes.RUNTIME;
    }
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
    return run(context, out, err, Preselection.needed(args), args);
  }

  /** {@link #run}, with the commands {@code args} need already picked ({@code main}'s). */
  private static int run(
      CliContext context,
      PrintWriter out,
      PrintWriter err,
      List<Class<?>> commands,
      String... args) {
    return commandLine(context, out, err, commands).execute(args);
  }

  /**
   * The configured command line with every subcommand: out/err, exit codes and the exception
   * handler set in one place.
   */
  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    return commandLine(context, out, err, List.copyOf(COMMANDS.values()));
  }

  /** The configured command line with the subcommands {@code args} need. */
  static CommandLine commandLine(
      CliContext context, PrintWriter out, PrintWriter err, String... args) {
    return commandLine(context, out, err, Preselection.needed(args));
  }

  private static CommandLine commandLine(
      CliContext context, PrintWriter out, PrintWriter err, List<Class<?>> commands) {
    Caprune top = new Caprune(context);
    ContextFactory factory = new ContextFactory(context);
    CommandLine cmd = new CommandLine(top, factory);
    // Before the settings below: picocli applies them to the subcommands present at the time.
    for (Class<?> command : commands) {
      cmd.addSubcommand(create(factory, command));
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionStrategy(new Execution(top));
    cmd.setExecutionExceptionHandler(new ExceptionHandler(top));
    cmd.setParameterExceptionHandler(new ExceptionHandler(top));
    // Width, wrapping, examples, exit codes, options not offered: for every command at once.
    HelpLayout.apply(cmd, context.env());
    cmd.setExitCodeExceptionMapper(
        e -> e instanceof CapruneException c ? c.exitCode() : ExitCodes.RUNTIME);
    return cmd;
  }

  private static Object create(ContextFactory factory, Class<?> command) {
    try {
      return factory.create(command);
    } catch (Exception e) {
      throw new CommandLine.InitializationException("cannot create " + command.getName(), e);
    }
  }
}
