package dev.caprune.cli;

import dev.caprune.execute.Action;
import dev.caprune.select.VersionStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caprune delete}: delete the versions that match, guarded by their listed status. */
@Command(
    name = "delete",
    sortOptions = false,
    description = {
      "Delete the package versions that match the filters.",
      "Each call carries the status the versions had when listed (expectedStatus), so a version"
          + " that changed in between is not deleted. Deleted versions cannot be restored."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  caprune delete --domain acme --repository snapshots --format maven \\",
      "      --status Unlisted --version '*-SNAPSHOT' --dry-run",
      "  caprune delete --domain acme --repository releases --package '@acme/ui-kit' \\",
      "      --version '0.*' --yes -o json"
    })
final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ScopeOptions scope;
  @Mixin FilterOptions filters;
  @Mixin ActionOptions action;

  @Option(
      names = "--expected-status",
      paramLabel = "STATUS",
      converter = Converters.StatusConverter.class,
      completionCandidates = Converters.Statuses.class,
      description =
          "Delete only versions that still have this status when the call is made (default: the"
              + " status each version had when listed).")
  VersionStatus expectedStatus;

  @Option(
      names = "--all",
      description = "Allow a delete with no filter at all (every version in the repository).")
  boolean all;

  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  DeleteCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return new ActionRun(context, spec, Action.DELETE, scope, filters, action, output, aws, logging)
        .requireNarrowing(all)
        .expectedStatus(expectedStatus)
        .run();
  }
}
