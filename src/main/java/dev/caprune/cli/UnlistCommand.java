package dev.caprune.cli;

import dev.caprune.select.Action;
import picocli.CommandLine.Command;

/** {@code caprune unlist}: hide versions from listings while keeping them installable. */
@Command(
    name = "unlist",
    sortOptions = false,
    description = {
      "Unlist the package versions that match (status Unlisted: still installable by exact"
          + " version, hidden from 'latest'; restorable with 'caprune restore').",
      "Each call pins the status and revision every version had when listed. Without --status:"
          + " Published versions."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  # Hide old npm pre-releases from 'latest' and listings; exact installs work.",
      "  caprune unlist --domain acme --repository releases --format npm \\",
      "      --only-prerelease --older-than 30d --dry-run"
    })
final class UnlistCommand extends ActionCommand {
  UnlistCommand(CliContext context) {
    super(context);
  }

  @Override
  Action action() {
    return Action.UNLIST;
  }
}
