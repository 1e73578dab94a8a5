package dev.caprune.cli;

import dev.caprune.execute.Action;
import dev.caprune.execute.Executor;
import dev.caprune.execute.Ledger;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pipeline;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.report.PlanFile;
import dev.caprune.report.Renderer;
import dev.caprune.report.Where;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.select.Criteria;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.VersionStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The steps every action command wires: parse → list → select → (dry run? report : confirm →
 * execute) → report → exit code.
 */
final class ActionRun {
  /** Said when the only time filter leaves nothing out (an upper edge at or after now...). */
  static final String NO_TIME_FILTER =
      "; a time filter that leaves nothing out (an age of 0, a date after now or before 1970) is"
          + " no filter";

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
  private boolean longTable;
  private VersionStatus expectedStatus;
  private java.util.Set<VersionStatus> defaultStatuses = java.util.Set.of();
  private SizeOptions sizes = new SizeOptions();
  private boolean deleteEmptyPackages;

  /** Set by SIGINT/SIGTERM from the first line of the run to the last byte of its report. */
  private Stop stop;

  /** Where the run acts, for the prompt: {@code acme/releases}. */
  private volatile String where;

  /** The names of the repositories the run acts in, for the prompt. */
  private volatile List<String> repositories = List.of();

  /** The run's session, once open: its gateway knows the region and can learn the account. */
  private volatile Session session;

  /** {@code --domain-owner} or the plan's, or null. */
  private volatile String owner;

  private volatile String domainName;
  private String account;
  private boolean accountAsked;

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
    this.stop = new Stop();
  }

  /** For a command that installed the signals itself (apply, before reading its plan). */
  ActionRun stoppedBy(Stop stop) {
    this.stop = stop;
    return this;
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

  /** {@code --long}: every version in the table, however big the run. */
  ActionRun longTable(boolean longTable) {
    this.longTable = longTable;
    return this;
  }

  /** {@code --sizes}: the files of the selected versions are listed and counted. */
  ActionRun sizes(SizeOptions sizes) {
    this.sizes = sizes == null ? new SizeOptions() : sizes;
    return this;
  }

  /** {@code --delete-empty-packages}. */
  ActionRun deleteEmptyPackages(boolean on) {
    this.deleteEmptyPackages = on;
    return this;
  }

  ActionRun expectedStatus(VersionStatus status) {
    this.expectedStatus = status;
    return this;
  }

  int run() throws Exception {
    try (Signals signals = Signals.install(stop)) {
      return run(signals);
    }
  }

  private int run(Signals signals) throws Exception {
    Criteria criteria = filters.criteria(context.clock(), protectLatest);
    Scope where = scope.scope();
    var settings = aws.settings();
    if (requireNarrowing && !all && !criteria.narrows()) {
      throw CapruneException.usage(
          "refusing to "
              + action.wire()
              + " every version in "
              + where
              + ": add a filter (--package, --version, --status, ...) or pass --all"
              + (criteria.window().unbounded() ? "" : NO_TIME_FILTER));
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
    double price = sizes.price();
    if (sizes.sizes && (safety.explain || plans.savePlan != null)) {
      throw CapruneException.usage(
          "--sizes goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    if (deleteEmptyPackages && (safety.explain || plans.savePlan != null)) {
      throw CapruneException.usage(
          "--delete-empty-packages goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    if (plans.savePlan != null && (safety.dryRun || safety.yes)) {
      throw CapruneException.usage(
          "--save-plan changes nothing and asks nothing: it cannot go with --dry-run or --yes");
    }
    try (Session session = new Session(context, aws, stop)) {
      if (safety.explain || plans.savePlan != null) {
        return selectOnly(session, where, criteria);
      }
      Criteria chosen = criteria;
      Report report = new Report(stop, signals, where.domain());
      this.session = session;
      this.owner = where.domainOwner();
      this.domainName = where.domain();
      Pipeline pipeline = pipeline(session, report, false);
      // An unknown domain or repository is bad input (exit 2, nothing done), not a failed run.
      List<RepositoryRef> repos;
      try {
        repos = session.scan.repositories(where);
      } catch (Stop.StoppedException e) {
        repos = List.of(); // a signal already: the report is empty, and says so
      }
      this.where = describe(where.domain(), repos);
      this.repositories = repos.stream().map(RepositoryRef::repository).toList();
      List<RepositoryRef> chosenRepos = repos;
      Outcome outcome;
      try (Display display = new Display(session)) {
        // --strict-protect checks every rule after listing and before any write: never streams.
        boolean ask =
            filters.checkBeforeWriting() || (!safety.dryRun && !(safety.yes && safety.max == null));
        outcome =
            pipeline.run(
                sink -> session.scan.select(chosenRepos, chosen, sink),
                ask
                    ? (entries, versions) ->
                        display.paused(
                            () -> {
                              filters.checkProtectRules(chosen); // --strict-protect: exit 2
                              checkPackages(session, chosenRepos, chosen); // --strict: exit 2
                              confirm(entries, versions);
                            })
                    : null);
      }
      if (outcome.error() == null && !outcome.interrupted()) {
        filters.checkProtectRules(chosen); // rules that matched nothing: warnings
        checkPackages(session, chosenRepos, chosen);
      }
      return report.finish(outcome);
    }
  }

  /** Whether the exact packages were checked (before the prompt): said once. */
  private boolean packagesChecked;

  /** Exact {@code --package} names that named no package: warnings, or with --strict exit 2. */
  private void checkPackages(Session session, List<RepositoryRef> repos, Criteria criteria) {
    if (!packagesChecked) {
      packagesChecked = true;
      filters.checkPackages(
          session.scan.missingPackages(repos, criteria), describe(domainOf(repos), repos));
    }
  }

  private static String domainOf(List<RepositoryRef> repos) {
    return repos.isEmpty() ? "" : repos.get(0).domain();
  }

  /** {@code --explain} and {@code --save-plan}: select, show, change nothing. */
  private int selectOnly(Session session, Scope where, Criteria criteria) throws Exception {
    List<RepositoryRef> repos = session.scan.repositories(where);
    List<PackageSelection> selections;
    try (AutoCloseable display = progress(session)) {
      selections = session.scan.scan(repos, criteria, safety.explain);
    }
    filters.checkProtectRules(criteria); // with --strict-protect, exit 2
    checkPackages(session, repos, criteria); // with --strict, exit 2
    if (safety.explain) {
      output.renderer(context, out).versions(selections, where.domain(), true);
      return ExitCodes.OK;
    }
    return savePlan(where, selections.stream().filter(PackageSelection::anySelected).toList());
  }

  /** {@code caprune apply}: exactly the plan's versions, each guarded as recorded in the plan. */
  int apply(Plan plan) throws Exception {
    try (Signals signals = Signals.install(stop)) {
      return apply(plan, signals);
    }
  }

  /**
   * {@code caprune apply} with the signals its command installed before reading the plan: a signal
   * while a large plan loads ends the run with its (empty) report.
   */
  int apply(Plan plan, Signals signals) throws Exception {
    {
      checkMaxOption();
      List<PackageSelection> selections = plan.selections();
      Report report = new Report(stop, signals, plan.domain());
      List<RepositoryRef> planned =
          selections.stream()
              .map(PackageSelection::repository)
              .distinct()
              .sorted(java.util.Comparator.comparing(RepositoryRef::repository))
              .toList();
      this.where = describe(plan.domain(), planned);
      this.repositories = planned.stream().map(RepositoryRef::repository).toList();
      try (Session session = new Session(context, aws, stop)) {
        this.session = session;
        this.owner = plan.domainOwner();
        this.domainName = plan.domain();
        // Delete cannot pin a revision in the API: caprune checks it itself before each call.
        Pipeline pipeline = pipeline(session, report, action == Action.DELETE);
        Outcome outcome;
        try (Display display = new Display(session)) {
          outcome =
              pipeline.run(
                  sink -> {
                    session.progress.packagesFound(selections.size());
                    for (int i = 0; i < selections.size(); i++) {
                      PackageSelection sel = selections.get(i);
                      session.progress.scanned(sel.selected().size());
                      if (sel.anySelected()) {
                        sink.accept(i, sel);
                      }
                    }
                  },
                  safety.dryRun
                      ? null
                      : (entries, versions) -> display.paused(() -> confirm(entries, versions)));
        }
        return report.finish(outcome);
      }
    }
  }

  /** The progress display of a run, which stops while the prompt owns the terminal. */
  private final class Display implements AutoCloseable {
    private final Session session;
    private AutoCloseable current;

    Display(Session session) {
      this.session = session;
      this.current = progress(session);
    }

    /** Runs {@code step} with the display stopped (the prompt), then starts it again. */
    void paused(Runnable step) {
      close();
      step.run();
      current = progress(session); // not after a refusal: nothing more to show
    }

    @Override
    public void close() {
      if (current != null) {
        try {
          current.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        current = null;
      }
    }
  }

  private Pipeline pipeline(Session session, Report report, boolean verifyRevisions) {
    sizes.price(); // checked before any call
    return new Pipeline(
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
            report.stream)
        .sizes(sizes.sizes ? session.sizes(sizes.price()) : null)
        .deleteEmptyPackages(deleteEmptyPackages);
  }

  /**
   * The report of a run that writes (or would): streamed package by package (ndjson, csv) or
   * rendered at the end, always whole, then the exit code, decided here alone.
   */
  private final class Report {
    private Stop stop;
    private final Signals signals;
    private final String domain;
    private final Renderer.OutcomeReport renderer;
    private final java.util.function.Consumer<Outcome.PackageOutcome> stream;
    private volatile boolean outputLost;

    Report(Stop stop, Signals signals, String domain) {
      this.stop = stop;
      this.signals = signals;
      this.domain = domain;
      this.renderer =
          output.actionRenderer(context, out, longTable).outcome(safety.dryRun, sizes.sizes);
      this.stream =
          !renderer.streams()
              ? null
              : p -> {
                renderer.accept(p);
                if (!outputLost && out.checkError()) {
                  // Nobody can see the record any more: start nothing new.
                  outputLost = true;
                  stop.request();
                }
              };
    }

    int finish(Outcome outcome) {
      Where recorded = new Where(domain, account(), region());
      signals.reporting(true);
      renderer.finish(outcome, recorded);
      if (renderer.abridged()) {
        err.println(
            String.format(
                "caprune: %,d versions: the table shows one line per package and every failure;"
                    + " --long or -o json shows every version.",
                outcome.selectedCount()));
      }
      boolean written = !out.checkError();
      signals.reporting(false);
      String problem = written ? null : ReportWriter.problem(out);
      boolean readerQuit = problem != null && ReportWriter.brokenPipe(problem) && !outputLost;
      if (problem != null) {
        err.println(
            "caprune: "
                + (readerQuit
                    ? "stdout was closed by its reader before the whole report was written"
                    : "the report could not be written to stdout (" + problem + ")")
                + (outputLost ? "; caprune stopped starting new work" : "")
                + ": "
                + summary(outcome));
      }
      boolean interrupted = stop.requested() && !outputLost;
      if (interrupted) {
        err.println(
            "caprune: interrupted; the report shows what was done. Run the same command again to"
                + " finish.");
      } else if (Pipeline.OUT_OF_MEMORY.equals(outcome.error())) {
        err.flush();
        OutOfMemory.say(); // once, whichever thread ran out first
      } else if (outcome.error() != null) {
        err.println("caprune: " + ExceptionHandler.oneLine(outcome.error()));
      }
      err.flush();
      return ExitCodes.of(outcome, problem != null && !readerQuit, interrupted);
    }

    private String summary(Outcome o) {
      return String.format(
          "%,d %s, %,d already done, %,d failed, %,d not attempted",
          o.succeededCount(),
          action.done(),
          o.alreadyDoneCount(),
          o.failedCount(),
          o.notAttemptedCount());
    }
  }

  private int savePlan(Scope where, List<PackageSelection> selections) {
    Plan plan = PlanCommand.Plans.of(context, aws, where, action, selections);
    try {
      PlanFile.write(plan, plans.savePlan);
    } catch (java.io.IOException e) {
      throw new CapruneException(
          ExitCodes.RUNTIME,
          "--save-plan " + plans.savePlan + ": cannot write it (" + e.getMessage() + ")");
    }
    output.renderer(context, out).plan(plan, context.clock().instant());
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

  /** The pipeline's confirmation: {@code --max}, then the prompt unless {@code --yes}. */
  private void confirm(List<Ledger.Entry> entries, int versions) {
    checkMax(versions);
    if (safety.yes) {
      return;
    }
    int packages = entries.size();
    String question =
        String.format(
            "%s %,d version%s of %,d package%s in %s (account %s, %s)?",
            capitalize(action.wire()),
            versions,
            versions == 1 ? "" : "s",
            packages,
            packages == 1 ? "" : "s",
            where,
            Objects.requireNonNullElse(account(), "unknown"),
            region());
    if (!context.terminal().interactive()) {
      throw new CapruneException(
          ExitCodes.REFUSED,
          question.substring(0, question.length() - 1)
              + " needs confirmation: pass --yes (there is no terminal to ask on); nothing was"
              + " changed");
    }
    err.println(
        String.format(
            "About to %s %,d version%s of %,d package%s:",
            action.wire(), versions, versions == 1 ? "" : "s", packages, packages == 1 ? "" : "s"));
    for (String line : Prompt.details(account(), region(), domainName, repositories, entries)) {
      err.println(line);
    }
    err.print(
        String.format(
            "%s %s %,d version%s? [y/N] ",
            capitalize(action.wire()),
            versions == 1 ? "this" : "these",
            versions,
            versions == 1 ? "" : "s"));
    err.flush();
    String answer = readAnswer();
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    if (!a.equals("y") && !a.equals("yes")) {
      throw new CapruneException(ExitCodes.REFUSED, "not confirmed; nothing was changed");
    }
  }

  /**
   * The account the run acts in: the domain owner given, else the one the repository listing
   * showed, else learnt with one ListRepositoriesInDomain call; null if it cannot be learnt.
   */
  private synchronized String account() {
    if (!accountAsked && session != null && !stop.forced()) {
      accountAsked = true;
      try {
        account = session.gateway.domainOwner(domainName, owner).orElse(null);
      } catch (RuntimeException e) {
        account = owner; // not worth failing the run: the report says what was done
      }
    }
    return account != null ? account : owner;
  }

  private String region() {
    return session == null ? null : session.gateway.region();
  }

  /** Reads the answer on a daemon thread, so that Ctrl-C at the prompt ends the wait at once. */
  private String readAnswer() {
    java.util.concurrent.CompletableFuture<String> answer =
        new java.util.concurrent.CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                answer.complete(context.terminal().readLine().get());
              } catch (RuntimeException e) {
                answer.completeExceptionally(e);
              }
            },
            "caprune-prompt");
    reader.setDaemon(true);
    reader.start();
    while (true) {
      try {
        if (stop.await(java.time.Duration.ofMillis(50))) {
          err.println();
          err.println("caprune: interrupted at the prompt; nothing was changed");
          err.flush();
          throw new Stop.StoppedException();
        }
        if (answer.isDone()) {
          return answer.getNow(null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop.StoppedException();
      }
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
