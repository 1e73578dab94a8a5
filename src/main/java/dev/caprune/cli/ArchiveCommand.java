package dev.caprune.cli;

import dev.caprune.select.Action;
import picocli.CommandLine.Command;

/** {@code caprune archive}: a reversible step before deleting. */
@Command(
    name = "archive",
    sortOptions = false,
    description = {
      "Archive the package versions that match (status Archived: no longer installable, kept,"
          + " restorable with 'caprune restore').",
      "Each call pins the status and revision every version had when listed. Without --status:"
          + " Published and Unlisted versions."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  # Quarantine first (reversible: caprune restore), delete later.",
      "  caprune archive --domain acme --repository releases \\",
      "      --older-than 180d --keep-latest 10",
      "  caprune delete --domain acme --repository releases \\",
      "      --status Archived --older-than 210d"
    })
final class ArchiveCommand extends ActionCommand {
  ArchiveCommand(CliContext context) {
    super(context);
  }

  @Override
  Action action() {
    return Action.ARCHIVE;
  }
}
