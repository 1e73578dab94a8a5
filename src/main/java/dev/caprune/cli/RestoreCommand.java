package dev.caprune.cli;

import dev.caprune.select.Action;
import picocli.CommandLine.Command;

/** {@code caprune restore}: undo archive and unlist. */
@Command(
    name = "restore",
    sortOptions = false,
    description = {
      "Restore the package versions that match to Published.",
      "Without --status: Archived and Unlisted versions. Each call pins the status and revision"
          + " every version had when listed. Restore never protects the latest version:"
          + " restoring it harms nothing."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune restore --domain acme --repository releases --package '@acme/ui-kit' \\",
      "      --version 1.0.0 --dry-run",
      "  caprune restore --domain acme --repository releases --status Archived --yes"
    })
final class RestoreCommand extends ActionCommand implements HelpLayout.Declines {
  RestoreCommand(CliContext context) {
    super(context);
  }

  @Override
  Action action() {
    return Action.RESTORE;
  }

  /** Restoring the latest version harms nothing: it is never protected here. */
  @Override
  boolean protectsLatest() {
    return false;
  }

  /**
   * Restore protects nothing (restoring harms nothing), so there is nothing to allow or protect:
   * not offered, still accepted (a no-op) for scripts that pass every command the same filters.
   */
  @Override
  public java.util.List<String> declined() {
    return java.util.List.of(
        "--no-protect-latest", "--protect-dependencies", "--dependents-from", "--protect-lockfile");
  }
}
