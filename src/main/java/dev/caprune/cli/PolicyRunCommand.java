package dev.caprune.cli;

import dev.caprune.run.PolicyRun;
import dev.caprune.run.PolicyRunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caprune policy run FILE}: every target at the same time, each with its own session (rate
 * limits, concurrency), each through the one execution pipeline; one confirmation for the whole
 * run.
 */
@Command(
    name = "run",
    description = {
      "Run a policy over its targets: one listing per package however many rules; targets run at"
          + " the same time, each with its own rate limits, and a target that fails does not stop"
          + " the others.",
      "Exit code: the worst of the targets' (1 > 3 > 0); 4 when refused (--max, the prompt),"
          + " 130 when interrupted."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune policy init > retention.yaml      # then edit its targets and rules",
      "  caprune policy run retention.yaml --dry-run --explain",
      "  caprune policy run retention.yaml --yes -o ndjson > record.ndjson",
      "  caprune policy run retention.yaml --event event.json --dry-run --explain"
    })
final class PolicyRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (YAML or JSON).")
  Path file;

  @Option(
      names = "--target",
      paramLabel = "NAME",
      description = "Run only this target of the policy (repeatable).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--strict",
      description =
          "Make a keep rule or a protect-file line that matched no version in this run (a typo,"
              + " most likely) an error (exit 2, before any write) instead of a warning.")
  boolean strict;

  @Option(
      names = "--event",
      paramLabel = "FILE|-",
      description =
          "Run the policy on one package only: the one an EventBridge event of detail-type"
              + " \"CodeArtifact Package Version State Change\" names (a file, or - for stdin;"
              + " 256 KiB at most). One listing of that package's versions, no listing of"
              + " packages; only the targets for its domain, account, region and repository, and"
              + " the rules for its package.")
  Path event;

  @Mixin ActionOptions safety;
  @Mixin PlanOptions plans;
  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  PolicyRunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PolicyRunRequest request = Requests.policyRun(context, this);
    return PolicyRun.run(TerminalConsole.runContext(context, spec, logging), request);
  }
}
