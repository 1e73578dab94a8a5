package dev.caprune.cli;

import dev.caprune.report.PlanFile;
import dev.caprune.report.PlanRenderer;
import dev.caprune.select.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune plan}: work with plan files. */
@Command(
    name = "plan",
    description = "Review plan files written by --save-plan.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {PlanCommand.Show.class})
final class PlanCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: caprune plan show FILE");
  }

  /** {@code caprune plan show FILE}: the plan for review; checks it as apply would. */
  @Command(
      name = "show",
      description = {
        "Show a plan for review: what it will do, to which versions, as recorded when it was made.",
        "The plan is checked as 'caprune apply' checks it (checksum, schema)."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan file.")
    Path file;

    @Mixin OutputOptions output;
    @Mixin LoggingOptions logging;

    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (output.format.streaming()) {
        throw CapruneException.usage("plan show writes -o table or -o json");
      }
      Plan plan = Plans.read(file);
      PlanRenderer.render(
          plan, context.clock().instant(), output.format, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
  }

  /** Reads a plan; any problem with it is bad input. */
  static final class Plans {
    private Plans() {}

    static Plan read(Path file) {
      try {
        return PlanFile.read(file);
      } catch (PlanFile.InvalidPlanException e) {
        throw CapruneException.usage(e.getMessage());
      }
    }
  }
}
