package dev.caprune.cli;

import dev.caprune.execute.Action;
import dev.caprune.select.VersionStatus;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code caprune restore}: undo archive and unlist. */
@Command(
    name = "restore",
    sortOptions = false,
    description = {
      "Restore the package versions that match to Published.",
      "Without --status: Archived and Unlisted versions. Each call pins the status and revision"
          + " every version had when listed."
    })
final class RestoreCommand extends ActionCommand {
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

  @Override
  Set<VersionStatus> defaultStatuses() {
    return Set.of(VersionStatus.ARCHIVED, VersionStatus.UNLISTED);
  }
}
