package dev.caprune.run;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.execute.Dependents;
import dev.caprune.execute.Executor;
import dev.caprune.execute.Ledger;
import dev.caprune.execute.Memory;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pacing;
import dev.caprune.execute.Pipeline;
import dev.caprune.execute.PolicyScan;
import dev.caprune.execute.Progress;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.policy.PackageEvent;
import dev.caprune.report.Renderer;
import dev.caprune.report.RuleTally;
import dev.caprune.report.Text;
import dev.caprune.report.View;
import dev.caprune.report.Where;
import dev.caprune.select.Action;
import dev.caprune.select.Plan;
import dev.caprune.select.Policy;
import dev.caprune.select.PolicySelector;
import dev.caprune.select.RepositoryRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The policy run: every target at the same time, each with its own session (rate limits,
 * concurrency), each through the one execution pipeline; one confirmation for the whole run. Also
 * carries out a policy's plan ({@link #apply}), through the same run.
 */
public final class PolicyRun {
  // The name its warnings have always been said under on stderr ("WARN  PolicyRunCommand - ...").
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("dev.caprune.cli.PolicyRunCommand");

  private final RunContext context;
  private final Console console;
  private final PrintWriter out;

  /** Each target's dependency and lockfile findings, by target name. */
  private final Map<String, ProtectionReport> protection =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The policy being run (null when applying a plan). */
  private final PolicyRunRequest policy;

  private final String label;
  private final boolean dryRun;
  private final boolean yes;
  private final boolean strict;
  private final SizeRequest sizes;
  private final Output output;

  /** The policy's {@code deleteEmptyPackages}: after a target's deletes, its emptied packages. */
  private final boolean deleteEmptyPackages;

  /** Every target's counters, for one progress display on stderr. */
  private final Progress progress;

  /** What each target lists: everything, or an event's one package. */
  private final Focus focus;

  private PolicyRun(
      RunContext context,
      PolicyRunRequest policy,
      String label,
      boolean dryRun,
      boolean yes,
      SizeRequest sizes,
      Output output) {
    this(context, policy, label, dryRun, yes, sizes, output, new Progress(), Focus.EVERYTHING);
  }

  private PolicyRun(
      RunContext context,
      PolicyRunRequest policy,
      String label,
      boolean dryRun,
      boolean yes,
      SizeRequest sizes,
      Output output,
      Progress progress,
      Focus focus) {
    this.context = context;
    this.progress = progress;
    this.focus = focus;
    this.console = context.console();
    this.out = console.out();
    this.policy = policy;
    this.label = label;
    this.dryRun = dryRun;
    this.yes = yes;
    this.strict = policy != null && policy.strict();
    this.sizes = sizes;
    this.output = output;
    this.deleteEmptyPackages = policy != null && policy.deleteEmptyPackages();
  }

  /** {@code caprune policy run}, its options checked. */
  public static int run(RunContext context, PolicyRunRequest r) throws Exception {
    return new PolicyRun(context, r, r.label(), r.dryRun(), r.yes(), r.sizes(), r.output()).run();
  }

  private int run() throws Exception {
    PolicyRunRequest r = policy;
    List<PolicyTarget> targets = r.targets();
    Stop stop = new Stop();
    try (Interrupts interrupts = console.interrupts(stop)) {
      List<Session> sessions = open(targets, stop);
      try {
        if (r.event() != null) {
          return onEvent(r.event(), targets, sessions, stop, interrupts);
        }
        return run(targets, sessions, stop, interrupts);
      } finally {
        sessions.forEach(Session::close);
      }
    }
  }

  /** The run over these targets, their sessions open. */
  private int run(
      List<PolicyTarget> targets, List<Session> sessions, Stop stop, Interrupts interrupts)
      throws Exception {
    PolicyRunRequest r = policy;
    new TargetPlaces(context, targets, r.terms(), sessions).requireDistinct();
    if (r.explain()) {
      return explain(targets, sessions);
    }
    if (r.savePlan() != null) {
      return PolicyPlans.savePlans(context, r, targets, sessions, focus);
    }
    List<String> rules = r.policy().rules().stream().map(Policy.Rule::name).toList();
    int code = new Run(rules, jobs(targets, sessions), stop, interrupts, r.max(), false).run();
    if (code != ExitCodes.INTERRUPTED) {
      // As the command line's --protect-file: a line that matched no listed version.
      checkUnmatched();
    }
    return code;
  }

  /**
   * {@code --event}: the run on the event's one package, in the targets whose domain, account,
   * region and repository are the event's, with the rules that apply to the package. Nothing to do
   * is one line on stderr and the run's empty report.
   */
  private int onEvent(
      PackageEvent event,
      List<PolicyTarget> targets,
      List<Session> sessions,
      Stop stop,
      Interrupts interrupts)
      throws Exception {
    RepositoryRef repo = event.repositoryRef();
    List<PolicyTarget> matched = new ArrayList<>();
    List<Session> open = new ArrayList<>();
    Map<String, RepositoryRef> repos = new HashMap<>();
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String miss = EventMatch.miss(targets.get(i), sessions.get(i), event);
      if (miss == null) {
        matched.add(targets.get(i));
        open.add(sessions.get(i));
        repos.put(targets.get(i).name(), repo);
      } else {
        misses.add(targets.get(i).name() + ": " + miss);
      }
    }
    List<Policy.Rule> applying =
        policy.policy().rules().stream().filter(rule -> rule.appliesTo(repo, event.pkg())).toList();
    String nothing = null;
    if (matched.isEmpty()) {
      nothing =
          "no target of "
              + label
              + " is for "
              + event.describe()
              + (misses.isEmpty() ? "" : " (" + String.join("; ", misses) + ")");
    } else if (applying.stream().allMatch(Policy.Rule::keep)) {
      nothing =
          "no "
              + (applying.isEmpty() ? "" : "action ")
              + "rule of "
              + label
              + " applies to "
              + event.describe();
    }
    if (nothing != null) {
      console.err().println("nothing to do: " + console.oneLine(nothing));
      console.err().flush();
      matched = List.of();
      open = List.of();
    }
    PolicyRunRequest narrowed =
        policy.narrowed(new Policy(applying, policy.policy().use()), matched);
    return new PolicyRun(
            context,
            narrowed,
            label,
            dryRun,
            yes,
            sizes,
            output,
            progress,
            Focus.on(event.pkg(), repos))
        .run(matched, open, stop, interrupts);
  }

  /**
   * Every target's session, opened before any target makes a call: a mistake in a target's local
   * set-up (a profile no file holds or that names no credentials, no region, an unreadable CA
   * bundle) is a usage error naming the policy file, line, column and field, and nothing was called
   * in any target.
   */
  private List<Session> open(List<PolicyTarget> targets, Stop stop) {
    List<Session> sessions = new ArrayList<>();
    // Targets that spend one account's quota in one Region share its rate limiters; all of them
    // share the one heap, so one memory budget.
    Map<String, Pacing> pacing = new HashMap<>();
    Memory memory = Memory.ofHeap(stop);
    try {
      for (PolicyTarget t : targets) {
        if (t.profile() != null) {
          String problem = SdkGateways.profileProblem(t.profile(), context.env());
          if (problem != null) {
            throw t.at("profile").error(problem);
          }
        }
        try {
          Pacing shared =
              pacing.computeIfAbsent(
                  Session.quotaHolder(t.connection()),
                  k -> new Pacing(t.connection().limits(), stop.pacer()));
          sessions.add(
              new Session(context.gateways(), t.connection(), stop, progress, shared, memory));
        } catch (GatewayException e) {
          throw misconfigured(t, e);
        }
      }
      return sessions;
    } catch (RuntimeException e) {
      sessions.forEach(Session::close);
      throw e;
    }
  }

  /**
   * A target whose session cannot open: at the field its set-up comes from (its profile, else its
   * region, else its endpoint, else the target), in the policy file's terms.
   */
  private RuntimeException misconfigured(PolicyTarget t, GatewayException e) {
    String field =
        t.profile() != null
            ? "profile"
            : t.region() != null ? "region" : t.endpointUrl() != null ? "endpointUrl" : "";
    PolicyTarget.Place at = t.at(field);
    String message = policy.terms().inPolicyTerms(String.valueOf(e.getMessage()), at.path());
    if (ExitCodes.of(e.kind()) == ExitCodes.USAGE) {
      return at.error(message);
    }
    return new CapruneException(ExitCodes.of(e.kind()), at + ": " + message + "; nothing was done");
  }

  /**
   * The keep rules and protect-file lines that matched no version this run listed: warnings, or
   * with {@code --strict} a usage error (called before any write, and after the run).
   */
  private void checkUnmatched() {
    if (policy.event() != null) {
      // One package cannot tell a typo from a rule or line for other packages: nothing is said.
      return;
    }
    List<String> warnings = new ArrayList<>();
    for (Policy.Rule r : policy.policy().unmatchedKeepRules()) {
      warnings.add(label + ": keep rule '" + r.name() + "' matched no version in this run");
    }
    warnings.addAll(policy.protect().unmatched());
    protection.values().forEach(p -> warnings.addAll(p.unmatchedPins()));
    if (strict && !warnings.isEmpty()) {
      throw CapruneException.usage(
          "--strict: "
              + warnings.get(0)
              + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : "")
              + "; nothing was changed");
    }
    warnings.forEach(w -> LOG.warn(w));
  }

  /**
   * {@code caprune apply} of a policy's plan: exactly its versions, each with its own action and
   * rule, through the same run (report, confirmation, exit code) as {@code policy run}.
   *
   * @param aws the options bound to where the plan was made
   */
  static int apply(
      RunContext context,
      ApplyRequest r,
      AwsRequest aws,
      Plan plan,
      Stop stop,
      Interrupts interrupts)
      throws Exception {
    r.sizes().price(); // checked before any call
    Confirmation.checkMaxOption(r.max());
    List<Plan.RuleSelection> selections = plan.ruleSelections();
    List<String> rules = selections.stream().map(Plan.RuleSelection::rule).distinct().toList();
    Job job =
        new Job(
            plan.target(),
            plan.domain(),
            aws.connection(),
            session ->
                sink -> {
                  session.progress.packagesFound(selections.size());
                  for (int i = 0; i < selections.size(); i++) {
                    Plan.RuleSelection rs = selections.get(i);
                    session.progress.scanned(rs.selection().selected().size());
                    sink.accept(
                        i, rs.selection(), Action.fromWire(rs.action()).orElseThrow(), rs.rule());
                  }
                },
            null,
            null);
    PolicyRun run =
        new PolicyRun(
            context, null, r.file().toString(), r.dryRun(), r.yes(), r.sizes(), r.output());
    // Delete cannot pin a revision in the API: caprune checks it itself before each delete call.
    return run.new Run(rules, List.of(job), stop, interrupts, r.max(), true).run();
  }

  /** {@code --dry-run --explain}: every version of the packages the rules can match, and why. */
  private int explain(List<PolicyTarget> targets, List<Session> sessions) {
    int code = ExitCodes.OK;
    Map<String, String> actions = new HashMap<>();
    for (Policy.Rule rule : policy.policy().rules()) {
      if (!rule.keep()) {
        actions.put(rule.name(), rule.action().wire());
      }
    }
    List<View.Explained> explained = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      PolicyTarget t = targets.get(i);
      Session session = sessions.get(i);
      String domain = t.scope().domain();
      try {
        PolicyScan scan =
            new PolicyScan(session.gateway, session.workers, session.progress, policy.policy());
        List<RepositoryRef> repos = focus.repositories(scan, t);
        List<PolicySelector.Result> results = focus.explain(scan, repos);
        List<dev.caprune.select.PackageSelection> shown =
            results.stream().map(PolicySelector.Result::explained).toList();
        String failure = null;
        dev.caprune.depend.Protections protections = policy.protections();
        if (protections != null && protections.on()) {
          ProtectionReport report =
              protection.computeIfAbsent(t.name(), k -> new ProtectionReport());
          shown =
              explainProtected(
                  session, t, repos, results, shown, protections, report, policy.policy().rules());
          failure = report.failure(); // a dependent's needs unknown: said, and exit 1
          if (failure != null) {
            code = ExitCodes.RUNTIME;
          }
        }
        String owner = repos.isEmpty() ? t.scope().domainOwner() : repos.get(0).domainOwner();
        explained.add(
            new View.Explained(t.name(), session.where(domain, owner), shown, actions, failure));
      } catch (GatewayException e) {
        explained.add(
            new View.Explained(t.name(), Where.of(domain), List.of(), actions, e.getMessage()));
        code = ExitCodes.RUNTIME;
      }
    }
    output.renderer(out).explainedPolicy(label, explained);
    out.flush();
    return code;
  }

  /**
   * The explanation with what remaining versions need held back, as the run would hold it: each
   * rule's selection (with its action) goes through the same protection as a real run's.
   */
  private static List<dev.caprune.select.PackageSelection> explainProtected(
      Session session,
      PolicyTarget t,
      List<RepositoryRef> repos,
      List<PolicySelector.Result> results,
      List<dev.caprune.select.PackageSelection> shown,
      dev.caprune.depend.Protections protections,
      ProtectionReport report,
      List<Policy.Rule> rules) {
    List<Policy.Rule> acting = rules.stream().filter(r -> !r.keep()).toList();
    List<Dependents.Held> held = new ArrayList<>();
    long order = 0;
    for (PolicySelector.Result res : results) {
      for (var rs : res.byRule(acting)) {
        held.add(
            new Dependents.Held(order++, rs.selection(), rs.rule().action(), rs.rule().name()));
      }
    }
    Dependents.Verdict verdict =
        session.dependents().protect(t.scope(), repos, protections, Action.DELETE, held);
    report.told(verdict);
    return shown.stream()
        .map(sel -> Dependents.holdBack(sel, verdict.result().protectedBy()))
        .toList();
  }

  /**
   * One target's part of a run.
   *
   * @param source where its selection comes from, given its session (a scan, a plan)
   * @param session its session, opened before any target's call; null: opened when it starts
   * @param domainOwner the account that owns its domain when known before the run (an event's),
   *     else null
   */
  private record Job(
      String name,
      String domain,
      Connection connection,
      Function<Session, Pipeline.Source> source,
      Session session,
      String domainOwner) {}

  /** A policy's jobs: one per target, each scanning its repositories. */
  private List<Job> jobs(List<PolicyTarget> targets, List<Session> sessions) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      PolicyTarget t = targets.get(i);
      jobs.add(
          new Job(
              t.name(),
              t.scope().domain(),
              t.connection(),
              session -> {
                PolicyScan scan =
                    new PolicyScan(
                        session.gateway, session.workers, session.progress, policy.policy());
                dev.caprune.depend.Protections protections = policy.protections();
                if (protections == null || !protections.on()) {
                  return sink -> focus.select(scan, focus.repositories(scan, t), sink);
                }
                ProtectionReport report =
                    protection.computeIfAbsent(t.name(), k -> new ProtectionReport());
                return sink -> {
                  List<RepositoryRef> repos = focus.repositories(scan, t);
                  // Every rule's selection first: what remains is known only then.
                  session
                      .dependents()
                      .source(
                          s -> focus.select(scan, repos, s),
                          t.scope(),
                          repos,
                          protections,
                          Action.DELETE, // unused: each rule's selection carries its action
                          report::told)
                      .select(sink);
                };
              },
              sessions.get(i),
              focus.domainOwner(t)));
    }
    return jobs;
  }

  /** One run over every target. */
  private final class Run {
    private final List<String> rules;
    private final List<Job> targets;
    private final Stop stop;
    private final Integer max;
    private final boolean verifyRevisions;
    private final Renderer.PolicyReport report;
    private final RunReport ending;
    private final java.util.function.Consumer<View.PolicyLine> stream;
    private final RuleTally tally = new RuleTally();
    private final Confirmation confirmation;

    private AutoCloseable display;

    private synchronized void showProgress(boolean on) {
      try {
        if (on && display == null) {
          display = console.progress(progress, "done");
        } else if (!on && display != null) {
          display.close();
          display = null;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * @param rules the rule names, in the report's order
     * @param verifyRevisions check each delete entry's revisions before its calls (a plan)
     */
    Run(
        List<String> rules,
        List<Job> targets,
        Stop stop,
        Interrupts interrupts,
        Integer max,
        boolean verifyRevisions) {
      this.rules = rules;
      this.targets = targets;
      this.stop = stop;
      this.max = max;
      this.verifyRevisions = verifyRevisions;
      this.confirmation = new Confirmation(console, stop);
      this.report = output.renderer(out).policy(dryRun, sizes.on());
      this.ending = new RunReport(console, stop, interrupts);
      this.stream = report.streams() ? ending.watched(report::accept) : null;
    }

    int run() throws Exception {
      // --strict checks every keep rule once all targets have listed, before any write.
      boolean ask = strict || (!dryRun && !(yes && max == null));
      JointConfirmation joint =
          !ask
              ? null
              : new JointConfirmation(
                  targets.size(),
                  label,
                  max,
                  yes,
                  stop,
                  confirmation,
                  () -> {
                    if (strict && policy != null) {
                      checkUnmatched();
                    }
                  },
                  this::showProgress);
      View.TargetResult[] slots = new View.TargetResult[targets.size()];
      AtomicReference<RuntimeException> refused = new AtomicReference<>();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        int n = i;
        tasks.add(
            () -> {
              Job job = targets.get(n);
              // Named after the target it runs (the pool hands tasks to threads in any order).
              Thread.currentThread().setName("caprune-target-" + job.name());
              try {
                slots[n] = target(job, joint);
              } catch (RuntimeException e) {
                refused.compareAndSet(null, e); // the first refusal is the run's
              } catch (OutOfMemoryError e) {
                slots[n] = failed(job, Memory.latest());
              } finally {
                if (joint != null) {
                  joint.left(job.name());
                }
              }
              return null;
            });
      }
      // One thread per target, all at once: a target waits at the joint prompt for the others.
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()));
      showProgress(true);
      try {
        pool.invokeAll(tasks);
      } finally {
        pool.shutdownNow();
        showProgress(false);
      }
      if (refused.get() != null) {
        throw refused.get();
      }
      List<View.TargetResult> results = java.util.Arrays.asList(slots);
      List<View.RuleCounts> counts =
          tally.counts(results.stream().map(View.TargetResult::target).toList(), rules);
      return ending.finish(report, label, results, counts);
    }

    /**
     * For the prompt: {@code account 111122223333, us-east-1, acme/releases}, and {@code , as role
     * ARN} when the target assumes one.
     */
    private String where(Session session, Job t, List<Ledger.Entry> entries) {
      String account;
      try {
        String owner = entries.isEmpty() ? null : entries.get(0).repository().domainOwner();
        account = session.gateway.domainOwner(t.domain(), owner).orElse(owner);
      } catch (RuntimeException e) {
        account = null; // not worth failing the run for
      }
      if (account == null && session.settings.role() != null) {
        account = session.settings.role().account(); // known from the role's ARN
      }
      List<String> repos =
          entries.stream().map(e -> e.repository().repository()).distinct().sorted().toList();
      return "account "
          + Objects.requireNonNullElse(account, "unknown")
          + ", "
          + session.gateway.region()
          + ", "
          + Text.safe(t.domain())
          + "/"
          + (repos.size() == 1
              ? repos.get(0)
              : "{" + String.join(",", repos.stream().map(Text::safe).toList()) + "}")
          + (session.settings.role() == null
              ? ""
              : ", as role " + Text.safe(session.settings.role().arn()));
    }

    /** A target that could not run at all. */
    private View.TargetResult failed(Job t, String why) {
      Outcome o = new Outcome(null, dryRun, List.of(), Outcome.Counts.ZERO, false, why);
      return new View.TargetResult(t.name(), t.domain(), o, ExitCodes.RUNTIME);
    }

    /** One target, start to end; never throws for a failure of the target's own. */
    private View.TargetResult target(Job t, JointConfirmation joint) {
      Outcome outcome;
      Where place = Where.of(t.domain());
      Connection c = t.connection();
      // A session opened before the run is closed by whoever opened it.
      try (Session own =
          t.session() == null ? new Session(context.gateways(), c, stop, progress) : null) {
        Session session = own == null ? t.session() : own;
        Pipeline.Source source = t.source().apply(session);
        Pipeline pipeline =
            new Pipeline(
                session.gateway,
                new Executor.Options(
                    null, null, dryRun, c.settings().maxAttempts(), Sleeper.REAL, verifyRevisions),
                session.workers,
                session.progress,
                stop,
                stream == null
                    ? null
                    : p -> {
                      View.PolicyLine line = new View.PolicyLine(t.name(), p);
                      tally.accept(line);
                      stream.accept(line);
                    });
        // Only a policy's own run: --save-plan selects, and a plan records no such option.
        pipeline.deleteEmptyPackages(deleteEmptyPackages);
        pipeline.sizes(sizes.on() ? session.sizes(sizes.price()) : null);
        outcome =
            pipeline.run(
                source,
                joint == null
                    ? null
                    : (entries, versions) ->
                        joint.arrive(t.name(), entries, where(session, t, entries)));
        ProtectionReport report = protection.get(t.name());
        if (report != null) {
          outcome = report.withFailure(outcome); // a dependent's needs unknown: exit 1
        }
        String owner =
            t.domainOwner() != null || outcome.packages().isEmpty()
                ? t.domainOwner()
                : outcome.packages().get(0).repository().domainOwner();
        place = session.where(t.domain(), owner);
      } catch (CapruneException e) {
        throw e; // a refusal: the whole run is refused
      } catch (RuntimeException e) {
        // The session could not even start (no region, bad profile...): this target failed.
        outcome =
            new Outcome(
                null,
                dryRun,
                List.of(),
                Outcome.Counts.ZERO,
                false,
                console.oneLine(String.valueOf(e.getMessage())));
      }
      if (stream == null) {
        for (Outcome.PackageOutcome p : outcome.packages()) {
          tally.accept(new View.PolicyLine(t.name(), p));
        }
      }
      return new View.TargetResult(
          t.name(),
          t.domain(),
          place.account(),
          place.region(),
          outcome,
          ExitCodes.of(outcome, false, false));
    }
  }
}
