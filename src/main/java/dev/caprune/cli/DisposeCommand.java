package dev.caprune.cli;

import dev.caprune.select.Action;
import picocli.CommandLine.Command;

/** {@code caprune dispose}: remove the files, keep the record. */
@Command(
    name = "dispose",
    sortOptions = false,
    description = {
      "Dispose of the package versions that match: their files are deleted, the version record"
          + " stays with status Disposed. It cannot be undone (except by deleting the record).",
      "Without --status: Published, Unlisted and Archived versions. Each call pins the status and"
          + " revision every version had when listed."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  # Free the storage of archived versions, keep their records.",
      "  caprune dispose --domain acme --repository releases --status Archived \\",
      "      --older-than 180d --dry-run"
    })
final class DisposeCommand extends ActionCommand {
  DisposeCommand(CliContext context) {
    super(context);
  }

  @Override
  Action action() {
    return Action.DISPOSE;
  }
}
