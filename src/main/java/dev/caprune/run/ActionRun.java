package dev.caprune.run;

import dev.caprune.depend.Protections;
import dev.caprune.execute.Executor;
import dev.caprune.execute.Ledger;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pipeline;
import dev.caprune.execute.Progress;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.report.PlanFile;
import dev.caprune.report.Renderer;
import dev.caprune.report.View;
import dev.caprune.report.Where;
import dev.caprune.select.Action;
import dev.caprune.select.Criteria;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import dev.caprune.select.VersionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The action run: list → select → (dry run? report : confirm → execute) → report → exit code, for
 * an action command ({@link #run}) and for an action's plan ({@link #apply}).
 */
public final class ActionRun {
  private final RunContext context;
  private final Console console;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Action action;
  private final Output output;
  private final boolean dryRun;
  private final boolean yes;
  private final Integer max;
  private final SizeRequest sizes;
  private final boolean deleteEmptyPackages;
  private final VersionStatus expectedStatus;
  private final SelectionChecks checks;

  /** Set by SIGINT/SIGTERM from the first line of the run to the last byte of its report. */
  private final Stop stop;

  private final Confirmation confirmation;

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

  /** Whether the exact packages were checked (before the prompt): said once. */
  private boolean packagesChecked;

  private ActionRun(
      RunContext context,
      Action action,
      Output output,
      boolean dryRun,
      boolean yes,
      Integer max,
      SizeRequest sizes,
      boolean deleteEmptyPackages,
      VersionStatus expectedStatus,
      SelectionChecks checks,
      Stop stop) {
    this.context = context;
    this.console = context.console();
    this.out = console.out();
    this.err = console.err();
    this.action = action;
    this.output = output;
    this.dryRun = dryRun;
    this.yes = yes;
    this.max = max;
    this.sizes = sizes;
    this.deleteEmptyPackages = deleteEmptyPackages;
    this.expectedStatus = expectedStatus;
    this.checks = checks;
    this.stop = stop;
    this.confirmation = new Confirmation(console, stop);
  }

  /** An action command's run, its options checked. */
  public static int run(RunContext context, ActionRequest r) throws Exception {
    Stop stop = new Stop();
    try (Interrupts interrupts = context.console().interrupts(stop)) {
      return new ActionRun(
              context,
              r.action(),
              r.output(),
              r.dryRun(),
              r.yes(),
              r.max(),
              r.sizes(),
              r.deleteEmptyPackages(),
              r.expectedStatus(),
              r.checks(),
              stop)
          .run(r, interrupts);
    }
  }

  private int run(ActionRequest r, Interrupts interrupts) throws Exception {
    Scope where = r.scope();
    Criteria criteria = r.criteria();
    try (Session session = new Session(context.gateways(), r.connection(), stop, new Progress())) {
      if (r.explain() || r.savePlan() != null) {
        return selectOnly(session, r, where, criteria);
      }
      RunReport report = new RunReport(console, stop, interrupts);
      Renderer.OutcomeReport renderer = renderer();
      this.session = session;
      this.owner = where.domainOwner();
      this.domainName = where.domain();
      Pipeline pipeline = pipeline(session, report, renderer, false);
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
      Protections protections = r.protections();
      ProtectionReport protection = new ProtectionReport();
      Pipeline.Source source = sink -> session.scan.select(chosenRepos, criteria, sink);
      if (protections.on()) {
        // Everything is selected first: what remains is known only then.
        source =
            session
                .dependents()
                .source(source, where, chosenRepos, protections, action, protection::told);
      }
      // The report's writer warmed up while the writes are paced, not after the last one.
      Ahead ahead = dryRun ? new Ahead() : new Ahead().warmAction(output, action, sizes.on());
      Pipeline.Source selected = source;
      source = sink -> selected.select(ahead.at(sink));
      Outcome outcome;
      try (Display display = new Display(session)) {
        // --strict-protect checks every rule after listing and before any write: never streams.
        boolean ask = checks.beforeWriting() || (!dryRun && !(yes && max == null));
        outcome =
            pipeline.run(
                source,
                ask
                    ? (entries, versions) ->
                        display.paused(
                            () -> {
                              checks.protectRules(criteria); // --strict-protect: exit 2
                              protection.checkPins(protections.strict()); // likewise
                              checkPackages(session, chosenRepos, criteria); // --strict: exit 2
                              confirm(entries, versions);
                            })
                    : null);
      }
      if (outcome.error() == null && !outcome.interrupted()) {
        checks.protectRules(criteria); // rules that matched nothing: warnings
        protection.checkPins(protections.strict());
        checkPackages(session, chosenRepos, criteria);
      }
      outcome = protection.withFailure(outcome);
      ahead.reporting();
      return report.finish(renderer, outcome, recorded(), action.done());
    }
  }

  /**
   * Exact {@code --package} names that named no package, exact {@code --version}s no listed version
   * bore: warnings, or with --strict exit 2.
   */
  private void checkPackages(Session session, List<RepositoryRef> repos, Criteria criteria) {
    if (!packagesChecked) {
      packagesChecked = true;
      checks.packages(
          session.scan.missingPackages(repos, criteria),
          session.scan.missingVersions(criteria),
          describe(domainOf(repos), repos));
    }
  }

  private static String domainOf(List<RepositoryRef> repos) {
    return repos.isEmpty() ? "" : repos.get(0).domain();
  }

  /** {@code --explain} and {@code --save-plan}: select, show, change nothing. */
  private int selectOnly(Session session, ActionRequest r, Scope where, Criteria criteria)
      throws Exception {
    List<RepositoryRef> repos = session.scan.repositories(where);
    List<PackageSelection> selections;
    ProtectionReport protection = new ProtectionReport();
    try (AutoCloseable display = progress(session)) {
      selections = session.scan.scan(repos, criteria, r.explain());
      selections =
          session
              .dependents()
              .shown(where, repos, r.protections(), action, selections, protection::told);
    }
    checks.protectRules(criteria); // with --strict-protect, exit 2
    protection.checkPins(r.protections().strict()); // likewise
    checkPackages(session, repos, criteria); // with --strict, exit 2
    if (r.explain()) {
      String owner = repos.isEmpty() ? where.domainOwner() : repos.get(0).domainOwner();
      var renderer = output.renderer(out);
      renderer.explained(
          action.wire(),
          new View.Explained(
              null,
              session.where(where.domain(), owner, renderer.namesAccount()),
              selections,
              Map.of(),
              null));
      return protection.exitCode(err);
    }
    int code =
        savePlan(
            r, session, where, selections.stream().filter(PackageSelection::anySelected).toList());
    return code == ExitCodes.OK ? protection.exitCode(err) : code;
  }

  /**
   * {@code caprune apply} of an action's plan: exactly the plan's versions, each guarded as
   * recorded in the plan, with the signals apply installed before reading the plan.
   *
   * @param aws the options bound to where the plan was made
   */
  static int apply(
      RunContext context,
      ApplyRequest r,
      AwsRequest aws,
      Plan plan,
      Action action,
      Stop stop,
      Interrupts interrupts)
      throws Exception {
    return new ActionRun(
            context,
            action,
            r.output(),
            r.dryRun(),
            r.yes(),
            r.max(),
            r.sizes(),
            false,
            null,
            SelectionChecks.NONE,
            stop)
        .apply(plan, aws, interrupts);
  }

  private int apply(Plan plan, AwsRequest aws, Interrupts interrupts) throws Exception {
    Confirmation.checkMaxOption(max);
    List<PackageSelection> selections = plan.selections();
    RunReport report = new RunReport(console, stop, interrupts);
    Renderer.OutcomeReport renderer = renderer();
    List<RepositoryRef> planned =
        selections.stream()
            .map(PackageSelection::repository)
            .distinct()
            .sorted(Comparator.comparing(RepositoryRef::repository))
            .toList();
    this.where = describe(plan.domain(), planned);
    this.repositories = planned.stream().map(RepositoryRef::repository).toList();
    try (Session session =
        new Session(context.gateways(), aws.connection(), stop, new Progress())) {
      this.session = session;
      this.owner = plan.domainOwner();
      this.domainName = plan.domain();
      // Delete cannot pin a revision in the API: caprune checks it itself before each call.
      Pipeline pipeline = pipeline(session, report, renderer, action == Action.DELETE);
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
                dryRun
                    ? null
                    : (entries, versions) -> display.paused(() -> confirm(entries, versions)));
      }
      return report.finish(renderer, outcome, recorded(), action.done());
    }
  }

  /** The report of a run that writes (or would), streamed or written whole at the end. */
  private Renderer.OutcomeReport renderer() {
    return output.actionRenderer(out).outcome(dryRun, sizes.on());
  }

  /** Where the run acted, as its report records it. */
  private Where recorded() {
    return new Where(domainName, account(), region());
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

  private Pipeline pipeline(
      Session session, RunReport report, Renderer.OutcomeReport renderer, boolean verifyRevisions) {
    sizes.price(); // checked before any call
    Consumer<Outcome.PackageOutcome> stream =
        renderer.streams() ? report.watched(renderer::accept) : null;
    return new Pipeline(
            session.gateway,
            new Executor.Options(
                action,
                expectedStatus,
                dryRun,
                session.settings.maxAttempts(),
                Sleeper.REAL,
                verifyRevisions),
            session.workers,
            session.progress,
            session.stop,
            stream)
        .sizes(sizes.on() ? session.sizes(sizes.price()) : null)
        .deleteEmptyPackages(deleteEmptyPackages);
  }

  private int savePlan(
      ActionRequest r, Session session, Scope where, List<PackageSelection> selections) {
    Plan plan = Plans.of(context, session.settings, where, action, selections);
    try {
      PlanFile.write(plan, r.savePlan());
    } catch (IOException e) {
      throw new CapruneException(
          ExitCodes.RUNTIME,
          "--save-plan " + r.savePlan() + ": cannot write it (" + e.getMessage() + ")");
    }
    output.renderer(out).plan(plan, context.clock().instant());
    err.println(
        "caprune: plan written to "
            + r.savePlan()
            + "; nothing was changed. Review it with 'caprune plan show "
            + r.savePlan()
            + "', carry it out with 'caprune apply "
            + r.savePlan()
            + "'.");
    err.flush();
    return ExitCodes.OK;
  }

  private AutoCloseable progress(Session session) {
    return console.progress(session.progress, action.done());
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

  /** The pipeline's confirmation: {@code --max}, then the prompt unless {@code --yes}. */
  private void confirm(List<Ledger.Entry> entries, int versions) {
    Confirmation.checkMax(max, action.wire(), versions);
    if (yes) {
      return;
    }
    int packages = entries.size();
    String verb = Confirmation.capitalize(action.wire());
    String question =
        String.format(
            "%s %,d version%s of %,d package%s in %s (account %s, %s)?",
            verb,
            versions,
            Confirmation.plural(versions),
            packages,
            Confirmation.plural(packages),
            where,
            Objects.requireNonNullElse(account(), "unknown"),
            region());
    List<String> shown = new java.util.ArrayList<>();
    shown.add(
        String.format(
            "About to %s %,d version%s of %,d package%s:",
            action.wire(),
            versions,
            Confirmation.plural(versions),
            packages,
            Confirmation.plural(packages)));
    if (console.interactive()) {
      shown.addAll(
          Prompt.details(account(), roleArn(), region(), domainName, repositories, entries));
    }
    String prompt =
        String.format(
            "%s %s %,d version%s? [y/N] ",
            verb, versions == 1 ? "this" : "these", versions, Confirmation.plural(versions));
    confirmation.ask(question, shown, prompt, () -> {}, () -> {});
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
    if (account == null && owner == null && session != null && session.settings.role() != null) {
      return session.settings.role().account(); // known from the role's ARN, without a call
    }
    return account != null ? account : owner;
  }

  /** The role the run calls as, for the prompt, or null. */
  private String roleArn() {
    return session == null || session.settings.role() == null
        ? null
        : session.settings.role().arn();
  }

  private String region() {
    return session == null ? null : session.gateway.region();
  }
}
