package dev.caprune.cli;

import dev.caprune.run.ActionRequest;
import dev.caprune.run.ActionRun;
import dev.caprune.select.Action;
import dev.caprune.select.VersionStatus;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that changes versions shares (one level: each subclass only names its
 * action and, where it has one, its default statuses).
 */
abstract class ActionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ScopeOptions scope;
  @Mixin FilterOptions filters;
  @Mixin ActionOptions safety;
  @Mixin PlanOptions plans;

  @Option(
      names = "--all",
      description =
          "Allow running with no filter at all (every version in the repository but the"
              + " protected ones).")
  boolean all;

  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;

  @Option(names = "--long", description = OutputOptions.LONG)
  boolean longTable;

  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  final CliContext context;

  ActionCommand(CliContext context) {
    this.context = context;
  }

  abstract Action action();

  /** Statuses selected when no {@code --status} is given (the action's own); empty means any. */
  final Set<VersionStatus> defaultStatuses() {
    return action().defaultStatuses();
  }

  /** Whether the version {@code latest} resolves to is protected unless asked otherwise. */
  boolean protectsLatest() {
    return true;
  }

  /** The {@code expectedStatus} for every call, or null for "as listed". */
  VersionStatus expectedStatus() {
    return null;
  }

  /** Whether packages this run leaves empty are deleted too ({@code delete} only). */
  boolean deleteEmptyPackages() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    ActionRequest request = Requests.action(context, this);
    return ActionRun.run(TerminalConsole.runContext(context, spec, logging), request);
  }
}
