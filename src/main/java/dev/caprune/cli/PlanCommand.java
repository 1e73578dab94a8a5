package dev.caprune.cli;

import dev.caprune.report.OutputFormat;
import dev.caprune.report.Renderer;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.run.Plans;
import dev.caprune.select.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune plan}: work with plan files. */
@Command(
    name = "plan",
    description = "Review plan files written by --save-plan.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {PlanCommand.Show.class},
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune archive --domain acme --repository releases --older-than 365d \\",
      "      --keep-latest 10 --save-plan q.json",
      "  caprune plan show q.json",
      "  caprune apply q.json"
    })
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
        "The plan is checked as 'caprune apply' checks it (checksum, schema, every field)."
      },
      footerHeading = HelpLayout.EXAMPLES_HEADING,
      footer = {
        "  caprune delete --domain acme --repository releases --older-than 365d \\",
        "      --save-plan cleanup.json",
        "  caprune plan show cleanup.json",
        "  caprune plan show cleanup.json -o json > review.json"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan file.")
    Path file;

    // Its own -o: a plan is shown as a table or as JSON (no streaming forms, no colours).
    @Option(
        names = {"-o", "--output"},
        paramLabel = "OUTPUT",
        defaultValue = "table",
        completionCandidates = TableOrJson.class,
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** The values of {@code plan show -o}. */
    static final class TableOrJson extends java.util.ArrayList<String> {
      private static final long serialVersionUID = 1L;

      TableOrJson() {
        super(List.of(OutputFormat.table.name(), OutputFormat.json.name()));
      }
    }

    @Mixin LoggingOptions logging;

    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (format != OutputFormat.table && format != OutputFormat.json) {
        throw CapruneException.usage("plan show writes -o table or -o json");
      }
      Plan plan = Plans.read(file);
      // A plan has no colours: it is reviewed, often in a pager or a file.
      Renderer.of(format, spec.commandLine().getOut(), false).plan(plan, context.clock().instant());
      return ExitCodes.OK;
    }
  }
}
