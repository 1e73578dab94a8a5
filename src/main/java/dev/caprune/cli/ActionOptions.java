package dev.caprune.cli;

import picocli.CommandLine.Option;

/** The safety options of every command that changes versions (actions and apply). */
public final class ActionOptions {
  @Option(
      names = {"-n", "--dry-run"},
      description = "Make no change: show what would be done.")
  boolean dryRun;

  @Option(
      names = "--explain",
      description =
          "With --dry-run: show every version of the matching packages, selected or not, and why.")
  boolean explain;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required when there is no terminal to ask on).")
  boolean yes;

  @Option(
      names = "--max",
      paramLabel = "N",
      description = "Refuse (exit 4, no change) when more than N versions are selected.")
  Integer max;
}
