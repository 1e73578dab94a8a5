package dev.caprune.cli;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Action;
import dev.caprune.execute.Executor;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.report.OutcomeRenderer;
import dev.caprune.report.PlanFile;
import dev.caprune.report.PlanRenderer;
import dev.caprune.report.StreamRenderer;
import dev.caprune.report.VersionsRenderer;
import dev.caprune.select.Criteria;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.VersionStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The steps every action command wires: parse → list → select → (dry run? report : confirm →
 * execute) → report → exit code.
 */
final class ActionRun {
  private final CliContext context;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Action action;
  private final ScopeOptions scope;
  private final FilterOptions filters;
  private final ActionOptions safety;
  private final PlanOptions plans;
  private final OutputOptions output;
  private final AwsOptions aws;
  private final LoggingOptions logging;
  private boolean requireNarrowing;
  private boolean protectLatest = true;
  private boolean all;
  private VersionStatus expectedStatus;
  private java.util.Set<VersionStatus> defaultStatuses = java.util.Set.of();

  ActionRun(
      CliContext context,
      CommandSpec spec,
      Action action,
      ScopeOptions scope,
      FilterOptions filters,
      ActionOptions safety,
      PlanOptions plans,
      OutputOptions output,
      AwsOptions aws,
      LoggingOptions logging) {
    this.context = context;
    this.out = spec.commandLine().getOut();
    this.err = spec.commandLine().getErr();
    this.action = action;
    this.scope = scope;
    this.filters = filters;
    this.safety = safety;
    this.plans = plans == null ? new PlanOptions() : plans;
    this.output = output;
    this.aws = aws;
    this.logging = logging;
  }

  /** Refuse to run with no narrowing filter unless {@code all} (the {@code --all} flag). */
  ActionRun requireNarrowing(boolean all) {
    this.requireNarrowing = true;
    this.all = all;
    return this;
  }

  /** Whether the latest version is protected unless {@code --no-protect-latest}. */
  ActionRun protectLatest(boolean protect) {
    this.protectLatest = protect;
    return this;
  }

  /** Statuses to select when the user gave no {@code --status}. */
  ActionRun defaultStatuses(java.util.Set<VersionStatus> statuses) {
    this.defaultStatuses = statuses;
    return this;
  }

  ActionRun expectedStatus(VersionStatus status) {
    this.expectedStatus = status;
    return this;
  }

  int run() throws Exception {
    Criteria criteria = filters.criteria(context.clock(), protectLatest);
    Scope where = scope.scope();
    var settings = aws.settings();
    if (requireNarrowing && !all && !criteria.narrows()) {
      throw CapruneException.usage(
          "refusing to "
              + action.wire()
              + " every version in "
              + where
              + ": add a filter (--package, --version, --status, ...) or pass --all");
    }
    if (safety.explain && !safety.dryRun) {
      throw CapruneException.usage(
          "--explain goes with --dry-run: it shows why, and changes nothing");
    }
    if (filters.statuses.isEmpty() && !defaultStatuses.isEmpty()) {
      // The action's own default, applied after the --all check: it is not the user's filter.
      filters.statuses.addAll(defaultStatuses);
      criteria = filters.criteria(context.clock(), protectLatest);
    }
    checkMaxOption();
    if (plans.savePlan != null && (safety.dryRun || safety.yes)) {
      throw CapruneException.usage(
          "--save-plan changes nothing and asks nothing: it cannot go with --dry-run or --yes");
    }
    Outcome outcome;
    StreamRenderer stream = stream();
    try (Session session = new Session(context, aws)) {
      List<RepositoryRef> repos = session.scanner.repositories(where);
      if (safety.explain) {
        List<PackageSelection> all;
        try (AutoCloseable display = progress(session)) {
          all = session.scanner.scan(repos, criteria, true);
        }
        filters.checkProtectRules(criteria);
        VersionsRenderer.render(
            all, where.domain(), output.format, true, output.color(context), out);
        return ExitCodes.OK;
      }
      Executor executor = executor(session, stream, false);
      if (plans.savePlan == null
          && !filters.strictProtect()
          && (safety.dryRun || (safety.yes && safety.max == null))) {
        // Nothing to ask first: work on each package as soon as it is selected.
        try (AutoCloseable display = progress(session)) {
          outcome =
              executor.outcome(
                  session.scanner.scan(
                      repos, criteria, false, sel -> sel.anySelected() ? executor.run(sel) : null));
          filters.checkProtectRules(criteria); // warnings only: --strict-protect never streams
        } catch (GatewayException e) {
          // Listing failed part-way: what was already done must still be reported.
          outcome = executor.partialOutcome(e.getMessage());
        } catch (Stop.StoppedException e) {
          // SIGINT/SIGTERM while packages were still being listed: report what was done.
          outcome = executor.partialOutcome(null);
        }
      } else {
        List<PackageSelection> plan;
        try (AutoCloseable display = progress(session)) {
          plan =
              session.scanner.scan(repos, criteria, false).stream()
                  .filter(PackageSelection::anySelected)
                  .toList();
        }
        filters.checkProtectRules(criteria); // with --strict-protect, exit 2 before any write
        if (plans.savePlan != null) {
          return savePlan(where, plan);
        }
        outcome = confirmAndExecute(session, executor, plan, describe(where.domain(), repos));
      }
    }
    return report(outcome, where.domain(), stream);
  }

  /** {@code caprune apply}: exactly the plan's versions, each guarded as recorded in the plan. */
  int apply(Plan plan) throws Exception {
    checkMaxOption();
    List<PackageSelection> selections = plan.selections();
    String where =
        describe(
            plan.domain(),
            selections.stream()
                .map(PackageSelection::repository)
                .distinct()
                .sorted(java.util.Comparator.comparing(RepositoryRef::repository))
                .toList());
    Outcome outcome;
    StreamRenderer stream = stream();
    try (Session session = new Session(context, aws)) {
      // Delete cannot pin a revision in the API: caprune checks it itself before each call.
      Executor executor = executor(session, stream, action == Action.DELETE);
      outcome = confirmAndExecute(session, executor, selections, where);
    }
    return report(outcome, plan.domain(), stream);
  }

  private StreamRenderer stream() {
    return output.format.streaming() ? new StreamRenderer(output.format, safety.dryRun, out) : null;
  }

  private Executor executor(Session session, StreamRenderer stream, boolean verifyRevisions) {
    return new Executor(
        session.gateway,
        new Executor.Options(
            action,
            expectedStatus,
            safety.dryRun,
            session.settings.maxAttempts(),
            Sleeper.REAL,
            verifyRevisions),
        session.workers,
        session.progress,
        session.stop,
        stream != null ? stream : p -> {});
  }

  private Outcome confirmAndExecute(
      Session session, Executor executor, List<PackageSelection> plan, String where)
      throws Exception {
    int selected = plan.stream().mapToInt(p -> p.selected().size()).sum();
    if (selected > 0 && !safety.dryRun) {
      checkMax(selected);
      confirm(selected, plan.size(), where);
    }
    try (AutoCloseable display = progress(session)) {
      return executor.execute(plan);
    }
  }

  private int savePlan(Scope where, List<PackageSelection> selections) {
    Plan plan =
        Plan.of(
            VersionProvider.version(),
            context.clock().instant(),
            where.domain(),
            where.domainOwner(),
            action.wire(),
            selections);
    try {
      PlanFile.write(plan, plans.savePlan);
    } catch (java.io.IOException e) {
      throw new CapruneException(
          ExitCodes.RUNTIME,
          "--save-plan " + plans.savePlan + ": cannot write it (" + e.getMessage() + ")");
    }
    PlanRenderer.render(plan, context.clock().instant(), output.format, out);
    err.println(
        "caprune: plan written to "
            + plans.savePlan
            + "; nothing was changed. Review it with 'caprune plan show "
            + plans.savePlan
            + "', carry it out with 'caprune apply "
            + plans.savePlan
            + "'.");
    err.flush();
    return ExitCodes.OK;
  }

  private AutoCloseable progress(Session session) {
    return ProgressDisplay.start(context, logging, session.progress, action.done(), err);
  }

  /** {@code acme/releases}, or {@code acme/{releases,snapshots}} for several. */
  private static String describe(String domain, List<RepositoryRef> repos) {
    if (repos.isEmpty()) {
      return domain;
    }
    if (repos.size() == 1) {
      return repos.get(0).toString();
    }
    return domain
        + "/{"
        + String.join(",", repos.stream().map(RepositoryRef::repository).toList())
        + "}";
  }

  private int report(Outcome outcome, String domain, StreamRenderer stream) {
    if (stream != null) {
      stream.finish(outcome, domain);
    } else {
      OutcomeRenderer.render(outcome, domain, output.format, output.color(context), out);
    }
    if (outcome.interrupted()) {
      err.println(
          "caprune: interrupted; the report shows what was done. Run the same command again to finish.");
      err.flush();
      return ExitCodes.INTERRUPTED;
    }
    if (outcome.error() != null) {
      err.println("caprune: " + outcome.error());
      err.flush();
      return ExitCodes.RUNTIME;
    }
    if (outcome.anyRequestFailed()) {
      return ExitCodes.RUNTIME;
    }
    return outcome.failedCount() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }

  private void checkMaxOption() {
    if (safety.max != null && safety.max < 0) {
      throw CapruneException.usage("--max must be 0 or more, not " + safety.max);
    }
  }

  private void checkMax(int selected) {
    if (safety.max != null && selected > safety.max) {
      throw new CapruneException(
          ExitCodes.REFUSED,
          String.format(
              "refusing to %s %,d versions: more than --max %,d; nothing was changed",
              action.wire(), selected, safety.max));
    }
  }

  private void confirm(int versions, int packages, String where) {
    if (safety.yes) {
      return;
    }
    String question =
        String.format(
            "%s %,d version%s of %,d package%s in %s?",
            capitalize(action.wire()),
            versions,
            versions == 1 ? "" : "s",
            packages,
            packages == 1 ? "" : "s",
            where);
    if (!context.terminal().interactive()) {
      throw new CapruneException(
          ExitCodes.REFUSED,
          question.substring(0, question.length() - 1)
              + " needs confirmation: pass --yes (there is no terminal to ask on); nothing was"
              + " changed");
    }
    err.print(question + " [y/N] ");
    err.flush();
    String answer = context.terminal().readLine().get();
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    if (!a.equals("y") && !a.equals("yes")) {
      throw new CapruneException(ExitCodes.REFUSED, "not confirmed; nothing was changed");
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
