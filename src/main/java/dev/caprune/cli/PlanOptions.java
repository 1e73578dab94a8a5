package dev.caprune.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What an action command can do instead of acting: save its selection as a plan. */
public final class PlanOptions {
  @Option(
      names = "--save-plan",
      paramLabel = "FILE",
      description =
          "Change nothing: write the selection to FILE for review ('caprune plan show') and for"
              + " 'caprune apply' later.")
  Path savePlan;
}
