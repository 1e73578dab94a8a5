package dev.caprune.cli;

import dev.caprune.select.Action;
import dev.caprune.select.VersionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caprune delete}: delete the versions that match, guarded by their listed status. */
@Command(
    name = "delete",
    sortOptions = false,
    description = {
      "Delete the package versions that match the filters.",
      "Each call carries the status the versions had when listed (expectedStatus), so a version"
          + " that changed in between is not deleted. Deleted versions cannot be restored: see"
          + " 'caprune archive' for a reversible step."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune delete --domain acme --repository snapshots --snapshot-builds \\",
      "      --older-than 30d --keep-latest 5 --dry-run",
      "  caprune delete --domain acme --repository releases --package '@acme/ui-kit' \\",
      "      --version '0.*' --yes -o json"
    })
final class DeleteCommand extends ActionCommand {
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
      names = "--delete-empty-packages",
      description =
          "After the deletes, delete each package this run left with no version in any status"
              + " (DeletePackage), once a fresh listing confirms it is empty: one more listing per"
              + " package this run deleted versions of. With --dry-run: name the packages whose"
              + " every version is selected.")
  boolean deleteEmptyPackages;

  DeleteCommand(CliContext context) {
    super(context);
  }

  @Override
  Action action() {
    return Action.DELETE;
  }

  @Override
  boolean deleteEmptyPackages() {
    return deleteEmptyPackages;
  }

  @Override
  VersionStatus expectedStatus() {
    return expectedStatus;
  }
}
