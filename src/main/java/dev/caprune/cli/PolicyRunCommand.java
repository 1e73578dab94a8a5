package dev.caprune.cli;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.execute.Action;
import dev.caprune.execute.Executor;
import dev.caprune.execute.Ledger;
import dev.caprune.execute.Outcome;
import dev.caprune.execute.Pipeline;
import dev.caprune.execute.PolicyScan;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.report.OutputFormat;
import dev.caprune.report.Renderer;
import dev.caprune.report.RuleTally;
import dev.caprune.report.View;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.select.Policy;
import dev.caprune.select.PolicySelector;
import dev.caprune.select.RepositoryRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caprune policy run FILE}: every target at the same time, each with its own session (rate
 * limits, concurrency), each through the one execution pipeline; one confirmation for the whole
 * run.
 */
@Command(
    name = "run",
    description = {
      "Run a policy over its targets: one listing per package however many rules; targets run at"
          + " the same time, each with its own rate limits, and a target that fails does not stop"
          + " the others.",
      "Exit code: the worst of the targets' (1 > 3 > 0); 4 when refused (--max, the prompt),"
          + " 130 when interrupted."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune policy init > retention.yaml      # then edit its targets and rules",
      "  caprune policy run retention.yaml --dry-run --explain",
      "  caprune policy run retention.yaml --yes -o ndjson > record.ndjson"
    })
final class PolicyRunCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PolicyRunCommand.class);
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (YAML or JSON).")
  Path file;

  @Option(
      names = "--target",
      paramLabel = "NAME",
      description = "Run only this target of the policy (repeatable).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--strict",
      description =
          "Make a keep rule or a protect-file line that matched no version in this run (a typo,"
              + " most likely) an error (exit 2, before any write) instead of a warning.")
  boolean strict;

  @Mixin ActionOptions safety;
  @Mixin PlanOptions plans;
  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  PolicyRunCommand(CliContext context) {
    this.context = context;
  }

  /** The policy being run (null when applying a plan). */
  private PolicyFile.Loaded loaded;

  /** The policy's {@code deleteEmptyPackages}: after a target's deletes, its emptied packages. */
  private boolean deleteEmptyPackages;

  @Override
  public Integer call() throws Exception {
    loaded = PolicyFile.read(file, context.clock());
    deleteEmptyPackages = loaded.deleteEmptyPackages();
    List<PolicyFile.Target> targets = chosen(loaded);
    if (safety.explain && !safety.dryRun) {
      throw CapruneException.usage(
          "--explain goes with --dry-run: it shows why, and changes nothing");
    }
    if (safety.explain && output.format != OutputFormat.table) {
      throw CapruneException.usage("--explain writes -o table");
    }
    if (plans.savePlan != null && (safety.dryRun || safety.yes)) {
      throw CapruneException.usage(
          "--save-plan changes nothing and asks nothing: it cannot go with --dry-run or --yes");
    }
    if (plans.savePlan != null && output.format.streaming()) {
      throw CapruneException.usage("--save-plan shows the plan as -o table or -o json");
    }
    if (safety.max != null && safety.max < 0) {
      throw CapruneException.usage("--max must be 0 or more, not " + safety.max);
    }
    sizes.price(); // checked before any call
    if (sizes.sizes && (safety.explain || plans.savePlan != null)) {
      throw CapruneException.usage(
          "--sizes goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    // The stricter of the policy's max and --max, over the whole run.
    Integer max = loaded.max();
    if (safety.max != null && (max == null || safety.max < max)) {
      max = safety.max;
    }
    List<AwsSettings> settings = new ArrayList<>();
    for (PolicyFile.Target t : targets) {
      settings.add(settingsFor(t));
    }
    Stop stop = new Stop();
    try (Signals signals = Signals.install(stop)) {
      List<Session> sessions = open(targets, settings, stop);
      try {
        new TargetPlaces(context, targets, sessions).requireDistinct();
        if (safety.explain) {
          return explain(loaded, targets, sessions);
        }
        if (plans.savePlan != null) {
          return savePlans(loaded, targets, sessions);
        }
        List<String> rules = loaded.policy().rules().stream().map(Policy.Rule::name).toList();
        int code =
            new Run(
                    file.toString(),
                    rules,
                    jobs(loaded, targets, sessions),
                    stop,
                    signals,
                    max,
                    false)
                .run();
        if (code != ExitCodes.INTERRUPTED) {
          // As the command line's --protect-file: a line that matched no listed version.
          checkUnmatched(loaded);
        }
        return code;
      } finally {
        sessions.forEach(Session::close);
      }
    }
  }

  /** Every target's counters, for one progress display on stderr. */
  private final dev.caprune.execute.Progress progress = new dev.caprune.execute.Progress();

  /**
   * Every target's session, opened before any target makes a call: a mistake in a target's local
   * set-up (a profile no file holds or that names no credentials, no region, an unreadable CA
   * bundle) is a usage error naming the policy file, line, column and field, and nothing was called
   * in any target.
   */
  private List<Session> open(
      List<PolicyFile.Target> targets, List<AwsSettings> settings, Stop stop) {
    List<Session> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < targets.size(); i++) {
        PolicyFile.Target t = targets.get(i);
        if (t.profile() != null) {
          String problem =
              dev.caprune.codeartifact.SdkGateways.profileProblem(t.profile(), context.env());
          if (problem != null) {
            throw t.at("profile").error(problem);
          }
        }
        try {
          sessions.add(new Session(context, aws, settings.get(i), stop, progress));
        } catch (dev.caprune.codeartifact.GatewayException e) {
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
  private static RuntimeException misconfigured(
      PolicyFile.Target t, dev.caprune.codeartifact.GatewayException e) {
    String field =
        t.profile() != null
            ? "profile"
            : t.region() != null ? "region" : t.endpointUrl() != null ? "endpointUrl" : "";
    PolicyFile.Place at = t.at(field);
    String message = PolicyFile.inPolicyTerms(String.valueOf(e.getMessage()), at.path());
    if (ExceptionHandler.exitCode(e.kind()) == ExitCodes.USAGE) {
      return at.error(message);
    }
    return new CapruneException(
        ExceptionHandler.exitCode(e.kind()), at + ": " + message + "; nothing was done");
  }

  /**
   * The keep rules and protect-file lines that matched no version this run listed: warnings, or
   * with {@code --strict} a usage error (called before any write, and after the run).
   */
  private void checkUnmatched(PolicyFile.Loaded loaded) {
    List<String> warnings = new ArrayList<>();
    for (Policy.Rule r : loaded.policy().unmatchedKeepRules()) {
      warnings.add(file + ": keep rule '" + r.name() + "' matched no version in this run");
    }
    warnings.addAll(loaded.protect().unmatched());
    if (strict && !warnings.isEmpty()) {
      throw CapruneException.usage(
          "--strict: "
              + warnings.get(0)
              + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : "")
              + "; nothing was changed");
    }
    warnings.forEach(w -> LOG.warn(w));
  }

  private List<PolicyFile.Target> chosen(PolicyFile.Loaded loaded) {
    if (only.isEmpty()) {
      return loaded.targets();
    }
    List<String> names = loaded.targets().stream().map(PolicyFile.Target::name).toList();
    for (String n : only) {
      if (!names.contains(n)) {
        throw CapruneException.usage(
            "--target "
                + n
                + ": the policy has no such target (it has "
                + String.join(", ", names)
                + ")");
      }
    }
    return loaded.targets().stream().filter(t -> only.contains(t.name())).toList();
  }

  /** The command line's settings with the target's region, profile and endpoint over them. */
  private AwsSettings settingsFor(PolicyFile.Target t) {
    String region = aws.region;
    String profile = aws.profile;
    String endpoint = aws.endpointUrl;
    try {
      if (t.region() != null) {
        aws.region = t.region();
      }
      if (t.profile() != null) {
        aws.profile = t.profile();
      }
      if (t.endpointUrl() != null) {
        aws.endpointUrl = t.endpointUrl();
      }
      return aws.settings();
    } finally {
      aws.region = region;
      aws.profile = profile;
      aws.endpointUrl = endpoint;
    }
  }

  /**
   * {@code --save-plan FILE}: select, change nothing, write one plan per target, each bound to its
   * target's region, endpoint and account ({@code FILE} itself for one target; else the target's
   * name before the extension: {@code plan.prod.json}).
   */
  private int savePlans(
      PolicyFile.Loaded loaded, List<PolicyFile.Target> targets, List<Session> sessions) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Every target's region first: a plan records it, and a missing one is the file's mistake.
    List<String> regions = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String region = dev.caprune.codeartifact.Regions.resolve(sessions.get(i).settings);
      if (region == null) {
        region = sessions.get(i).gateway.region();
      }
      if (region == null) {
        throw targets
            .get(i)
            .at("region")
            .error(
                "no region (region:, AWS_REGION or the profile's region), and a plan records the"
                    + " region it was made for");
      }
      regions.add(region);
    }
    // Targets are independent, as in a run: one that fails gets no plan, the others get theirs.
    List<Renderer.SavedPlan> saved = new ArrayList<>();
    int code = ExitCodes.OK;
    for (int i = 0; i < targets.size(); i++) {
      PolicyFile.Target t = targets.get(i);
      Session session = sessions.get(i);
      AwsSettings s = session.settings;
      Path target = targets.size() == 1 ? plans.savePlan : planFile(plans.savePlan, t.name());
      java.util.concurrent.ConcurrentSkipListMap<Long, dev.caprune.select.Plan.RuleSelection>
          selected = new java.util.concurrent.ConcurrentSkipListMap<>();
      try {
        PolicyScan scan =
            new PolicyScan(session.gateway, session.workers, session.progress, loaded.policy());
        scan.select(
            scan.repositories(t.scope()),
            (order, sel, action, rule) ->
                selected.put(
                    order, new dev.caprune.select.Plan.RuleSelection(sel, action.wire(), rule)),
            null);
      } catch (dev.caprune.codeartifact.GatewayException e) {
        saved.add(
            new Renderer.SavedPlan(
                t.name(), null, null, ExceptionHandler.oneLine(e.getMessage()) + "; no plan"));
        code = ExitCodes.RUNTIME;
        continue;
      }
      List<dev.caprune.select.Plan.RuleSelection> list = List.copyOf(selected.values());
      dev.caprune.select.Plan plan =
          dev.caprune.select.Plan.ofPolicy(
              VersionProvider.version(),
              // Whole seconds: a plan's time is read by people (plan show), not compared in ns.
              context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              regions.get(i),
              s.endpoint() != null
                  ? s.endpoint().toString()
                  : PlanCommand.Plans.environmentEndpoint(context.env()),
              t.scope().domain(),
              PlanCommand.Plans.owner(
                  t.scope(),
                  list.stream().map(dev.caprune.select.Plan.RuleSelection::selection).toList()),
              t.name(),
              list);
      try {
        dev.caprune.report.PlanFile.write(plan, target);
      } catch (java.io.IOException e) {
        saved.add(
            new Renderer.SavedPlan(
                t.name(),
                null,
                null,
                "--save-plan " + target + ": cannot write it (" + e.getMessage() + ")"));
        code = ExitCodes.RUNTIME;
        continue;
      }
      saved.add(new Renderer.SavedPlan(t.name(), target.toString(), plan, null));
    }
    output.renderer(context, out).plans(saved, context.clock().instant());
    out.flush();
    for (Renderer.SavedPlan p : saved) {
      if (p.error() != null) {
        err.println("caprune: target " + p.target() + " failed: " + p.error());
      }
    }
    List<String> made =
        saved.stream().map(Renderer.SavedPlan::file).filter(f -> f != null).toList();
    if (!made.isEmpty()) {
      err.println(
          "caprune: plan"
              + (made.size() == 1 ? "" : "s")
              + " written to "
              + String.join(", ", made)
              + "; nothing was changed. Review with 'caprune plan show FILE', carry out with"
              + " 'caprune apply FILE'.");
    }
    err.flush();
    return code;
  }

  /** {@code plan.json} for target {@code prod}: {@code plan.prod.json}. */
  static Path planFile(Path file, String target) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String made =
        dot > 0 ? name.substring(0, dot) + "." + target + name.substring(dot) : name + "." + target;
    return file.resolveSibling(made);
  }

  /**
   * {@code caprune apply} of a policy's plan: exactly its versions, each with its own action and
   * rule, through the same run (report, confirmation, exit code) as {@code policy run}.
   */
  static int apply(
      CliContext context,
      CommandSpec spec,
      Path planFile,
      dev.caprune.select.Plan plan,
      ActionOptions safety,
      SizeOptions sizes,
      OutputOptions output,
      AwsOptions aws,
      LoggingOptions logging,
      Stop stop,
      Signals signals)
      throws Exception {
    PolicyRunCommand c = new PolicyRunCommand(context);
    c.spec = spec;
    c.file = planFile;
    c.safety = safety;
    c.sizes = sizes == null ? new SizeOptions() : sizes;
    c.sizes.price(); // checked before any call
    c.output = output;
    c.aws = aws;
    c.logging = logging;
    c.plans = new PlanOptions();
    if (safety.max != null && safety.max < 0) {
      throw CapruneException.usage("--max must be 0 or more, not " + safety.max);
    }
    List<dev.caprune.select.Plan.RuleSelection> selections = plan.ruleSelections();
    List<String> rules =
        selections.stream().map(dev.caprune.select.Plan.RuleSelection::rule).distinct().toList();
    Job job =
        new Job(
            plan.target(),
            plan.domain(),
            aws.settings(),
            session ->
                sink -> {
                  session.progress.packagesFound(selections.size());
                  for (int i = 0; i < selections.size(); i++) {
                    dev.caprune.select.Plan.RuleSelection rs = selections.get(i);
                    session.progress.scanned(rs.selection().selected().size());
                    sink.accept(
                        i, rs.selection(), Action.fromWire(rs.action()).orElseThrow(), rs.rule());
                  }
                },
            null);
    // Delete cannot pin a revision in the API: caprune checks it itself before each delete call.
    return c.new Run(planFile.toString(), rules, List.of(job), stop, signals, safety.max, true)
        .run();
  }

  /** {@code --dry-run --explain}: every version of the packages the rules can match, and why. */
  private int explain(
      PolicyFile.Loaded loaded, List<PolicyFile.Target> targets, List<Session> sessions) {
    PrintWriter out = spec.commandLine().getOut();
    int code = ExitCodes.OK;
    for (int i = 0; i < targets.size(); i++) {
      PolicyFile.Target t = targets.get(i);
      out.println("Target " + t.name() + ":");
      try {
        Session session = sessions.get(i);
        PolicyScan scan =
            new PolicyScan(session.gateway, session.workers, session.progress, loaded.policy());
        List<RepositoryRef> repos = scan.repositories(t.scope());
        List<PolicySelector.Result> results = scan.explain(repos);
        output
            .renderer(context, out)
            .versions(
                results.stream().map(PolicySelector.Result::explained).toList(),
                t.scope().domain(),
                true);
      } catch (dev.caprune.codeartifact.GatewayException e) {
        out.println("FAILED: " + e.getMessage());
        code = ExitCodes.RUNTIME;
      }
      out.println();
    }
    out.flush();
    return code;
  }

  /**
   * One target's part of a run.
   *
   * @param source where its selection comes from, given its session (a scan, a plan)
   * @param session its session, opened before any target's call; null: opened when it starts
   */
  record Job(
      String name,
      String domain,
      AwsSettings settings,
      java.util.function.Function<Session, Pipeline.Source> source,
      Session session) {}

  /** A policy's jobs: one per target, each scanning its repositories. */
  private static List<Job> jobs(
      PolicyFile.Loaded loaded, List<PolicyFile.Target> targets, List<Session> sessions) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      PolicyFile.Target t = targets.get(i);
      jobs.add(
          new Job(
              t.name(),
              t.scope().domain(),
              sessions.get(i).settings,
              session -> {
                PolicyScan scan =
                    new PolicyScan(
                        session.gateway, session.workers, session.progress, loaded.policy());
                return sink -> scan.select(scan.repositories(t.scope()), sink, null);
              },
              sessions.get(i)));
    }
    return jobs;
  }

  /** One run over every target. */
  private final class Run {
    private final String label;
    private final List<String> rules;
    private final List<Job> targets;
    private final Stop stop;
    private final Signals signals;
    private final Integer max;
    private final boolean verifyRevisions;
    private final PrintWriter out = spec.commandLine().getOut();
    private final PrintWriter err = spec.commandLine().getErr();
    private final Renderer.PolicyReport report;
    private final Renderer.PolicyReport stream;
    private final RuleTally tally = new RuleTally();
    private volatile boolean outputLost;

    private AutoCloseable display;

    private synchronized void showProgress(boolean on) {
      try {
        if (on && display == null) {
          display = ProgressDisplay.start(context, logging, progress, "done", err);
        } else if (!on && display != null) {
          display.close();
          display = null;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * @param label the policy (or plan) file, for the report and the prompt
     * @param rules the rule names, in the report's order
     * @param verifyRevisions check each delete entry's revisions before its calls (a plan)
     */
    Run(
        String label,
        List<String> rules,
        List<Job> targets,
        Stop stop,
        Signals signals,
        Integer max,
        boolean verifyRevisions) {
      this.label = label;
      this.rules = rules;
      this.targets = targets;
      this.stop = stop;
      this.signals = signals;
      this.max = max;
      this.verifyRevisions = verifyRevisions;
      stopOf = stop;
      this.report = output.renderer(context, out).policy(safety.dryRun, sizes.sizes);
      this.stream = report.streams() ? report : null;
    }

    int run() throws Exception {
      // --strict checks every keep rule once all targets have listed, before any write.
      boolean ask = strict || (!safety.dryRun && !(safety.yes && max == null));
      JointConfirmation joint = ask ? new JointConfirmation(targets.size()) : null;
      List<View.TargetResult> results = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      View.TargetResult[] slots = new View.TargetResult[targets.size()];
      RuntimeException[] refused = new RuntimeException[1];
      for (int i = 0; i < targets.size(); i++) {
        int n = i;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    slots[n] = target(targets.get(n), joint);
                  } catch (RuntimeException e) {
                    synchronized (refused) {
                      if (refused[0] == null) {
                        refused[0] = e;
                      }
                    }
                  } catch (OutOfMemoryError e) {
                    slots[n] = failed(targets.get(n), Pipeline.OUT_OF_MEMORY);
                  } finally {
                    if (joint != null) {
                      joint.left(targets.get(n).name());
                    }
                  }
                },
                "caprune-target-" + targets.get(i).name());
        threads.add(thread);
        thread.start();
      }
      showProgress(true);
      try {
        for (Thread t : threads) {
          t.join();
        }
      } finally {
        showProgress(false);
      }
      if (refused[0] != null) {
        throw refused[0];
      }
      for (View.TargetResult r : slots) {
        results.add(r);
      }
      return finish(results);
    }

    /** For the prompt: {@code account 111122223333, us-east-1, acme/releases}. */
    private String where(Session session, Job t, List<Ledger.Entry> entries) {
      String account;
      try {
        String owner = entries.isEmpty() ? null : entries.get(0).repository().domainOwner();
        account = session.gateway.domainOwner(t.domain(), owner).orElse(owner);
      } catch (RuntimeException e) {
        account = null; // not worth failing the run for
      }
      List<String> repos =
          entries.stream().map(e -> e.repository().repository()).distinct().sorted().toList();
      return "account "
          + java.util.Objects.requireNonNullElse(account, "unknown")
          + ", "
          + session.gateway.region()
          + ", "
          + dev.caprune.report.Text.safe(t.domain())
          + "/"
          + (repos.size() == 1
              ? repos.get(0)
              : "{"
                  + String.join(",", repos.stream().map(dev.caprune.report.Text::safe).toList())
                  + "}");
    }

    /** A target that could not run at all. */
    private View.TargetResult failed(Job t, String why) {
      Outcome o = new Outcome(null, safety.dryRun, List.of(), Outcome.Counts.ZERO, false, why);
      return new View.TargetResult(t.name(), t.domain(), o, ExitCodes.RUNTIME);
    }

    /** One target, start to end; never throws for a failure of the target's own. */
    private View.TargetResult target(Job t, JointConfirmation joint) {
      Outcome outcome;
      AwsSettings s = t.settings();
      // A session opened before the run is closed by whoever opened it.
      try (Session own =
          t.session() == null ? new Session(context, aws, s, stop, progress) : null) {
        Session session = own == null ? t.session() : own;
        Pipeline.Source source = t.source().apply(session);
        Pipeline pipeline =
            new Pipeline(
                session.gateway,
                new Executor.Options(
                    null, null, safety.dryRun, s.maxAttempts(), Sleeper.REAL, verifyRevisions),
                session.workers,
                session.progress,
                stop,
                stream == null
                    ? null
                    : p -> {
                      View.PolicyLine line = new View.PolicyLine(t.name(), p);
                      tally.accept(line);
                      stream.accept(line);
                      if (!outputLost && out.checkError()) {
                        outputLost = true;
                        stop.request();
                      }
                    });
        // Only a policy's own run: --save-plan selects, and a plan records no such option.
        pipeline.deleteEmptyPackages(deleteEmptyPackages && plans.savePlan == null);
        pipeline.sizes(sizes.sizes ? session.sizes(sizes.price()) : null);
        outcome =
            pipeline.run(
                source,
                joint == null
                    ? null
                    : (entries, versions) ->
                        joint.arrive(t.name(), entries, where(session, t, entries)));
      } catch (CapruneException e) {
        throw e; // a refusal: the whole run is refused
      } catch (RuntimeException e) {
        // The session could not even start (no region, bad profile...): this target failed.
        outcome =
            new Outcome(
                null,
                safety.dryRun,
                List.of(),
                Outcome.Counts.ZERO,
                false,
                ExceptionHandler.oneLine(String.valueOf(e.getMessage())));
      }
      if (stream == null) {
        for (Outcome.PackageOutcome p : outcome.packages()) {
          tally.accept(new View.PolicyLine(t.name(), p));
        }
      }
      return new View.TargetResult(
          t.name(), t.domain(), outcome, ExitCodes.of(outcome, false, false));
    }

    private int finish(List<View.TargetResult> results) {
      signals.reporting(true);
      List<View.RuleCounts> counts =
          tally.counts(results.stream().map(View.TargetResult::target).toList(), rules);
      boolean interrupted = stop.requested() && !outputLost;
      report.finish(label, results, counts, interrupted);
      boolean written = !out.checkError();
      signals.reporting(false);
      for (View.TargetResult r : results) {
        if (r.outcome().error() != null) {
          err.println(
              "caprune: target "
                  + r.target()
                  + " failed: "
                  + ExceptionHandler.oneLine(r.outcome().error()));
        }
      }
      if (!written) {
        err.println("caprune: the report could not be written to stdout");
      }
      if (interrupted) {
        err.println(
            "caprune: interrupted; the report shows what was done. Run the same policy again to"
                + " finish.");
      }
      err.flush();
      if (!written && !outputLost) {
        return ExitCodes.RUNTIME;
      }
      if (interrupted) {
        return ExitCodes.INTERRUPTED;
      }
      return worst(results.stream().map(View.TargetResult::exitCode).toList());
    }

    /** One prompt (and --max) for every target: asked once all have listed and selected. */
    private final class JointConfirmation {
      private final int total;
      private final java.util.Set<String> arrived = new java.util.HashSet<>();
      private final java.util.Set<String> left = new java.util.HashSet<>();
      private final Map<Action, Integer> versions = new EnumMap<>(Action.class);
      private int packages;
      private boolean decided;
      private RuntimeException refusal;

      JointConfirmation(int total) {
        this.total = total;
      }

      /** Every target's selection and where it acts, for the prompt. */
      private final List<Ledger.Entry> all = new ArrayList<>();

      private final Map<String, String> where = new java.util.TreeMap<>();

      synchronized void arrive(String target, List<Ledger.Entry> entries, String where) {
        arrived.add(target);
        all.addAll(entries);
        this.where.put(target, where);
        for (Ledger.Entry e : entries) {
          versions.merge(e.action(), e.selected().size(), Integer::sum);
        }
        packages +=
            (int) entries.stream().map(e -> e.repository() + " " + e.pkg()).distinct().count();
        decideWhenAllAreIn();
        while (!decided) {
          if (stop.requested()) {
            throw new Stop.StoppedException();
          }
          try {
            wait(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop.StoppedException();
          }
        }
        if (refusal != null) {
          throw refusal;
        }
      }

      /** A target ended: after asking, or without (nothing selected, a failure). */
      synchronized void left(String target) {
        left.add(target);
        decideWhenAllAreIn();
      }

      private void decideWhenAllAreIn() {
        long never = left.stream().filter(t -> !arrived.contains(t)).count();
        if (decided || arrived.isEmpty() || arrived.size() + never < total) {
          return;
        }
        try {
          confirm();
        } catch (RuntimeException e) {
          refusal = e;
        }
        decided = true;
        notifyAll();
      }

      private void confirm() {
        if (strict && loaded != null) {
          checkUnmatched(loaded); // exit 2 before any write
        }
        int total = versions.values().stream().mapToInt(Integer::intValue).sum();
        if (max != null && total > max) {
          throw new CapruneException(
              ExitCodes.REFUSED,
              String.format(
                  "refusing to change %,d versions: more than --max %,d; nothing was changed",
                  total, max));
        }
        if (safety.yes || total == 0) {
          return;
        }
        StringBuilder what = new StringBuilder();
        versions.forEach(
            (a, n) ->
                what.append(what.length() == 0 ? "" : ", ")
                    .append(a.wire())
                    .append(' ')
                    .append(String.format("%,d", n)));
        String question =
            String.format(
                "Policy %s: %s (%,d version%s of %,d package%s in %d target%s)?",
                label,
                what,
                total,
                total == 1 ? "" : "s",
                packages,
                packages == 1 ? "" : "s",
                targets.size(),
                targets.size() == 1 ? "" : "s");
        if (!context.terminal().interactive()) {
          throw new CapruneException(
              ExitCodes.REFUSED,
              question.substring(0, question.length() - 1)
                  + " needs confirmation: pass --yes (there is no terminal to ask on); nothing was"
                  + " changed");
        }
        showProgress(false); // the prompt owns the terminal
        err.println(
            String.format(
                "About to change %,d version%s of %,d package%s:",
                total, total == 1 ? "" : "s", packages, packages == 1 ? "" : "s"));
        int shown = 0;
        for (Map.Entry<String, String> t : where.entrySet()) {
          if (shown++ == Prompt.REPOSITORIES) {
            err.println(
                String.format("  %-12s and %,d more", "", where.size() - Prompt.REPOSITORIES));
            break;
          }
          err.println(
              String.format(
                  "  %-12s %s: %s",
                  shown == 1 ? (where.size() == 1 ? "target" : "targets") : "",
                  dev.caprune.report.Text.safe(t.getKey()),
                  t.getValue()));
        }
        boolean severalRepositories =
            all.stream().map(e -> e.repository().toString()).distinct().count() > 1;
        Prompt.packages(all, severalRepositories).forEach(err::println);
        err.print(question + " [y/N] ");
        err.flush();
        String answer = readAnswer();
        showProgress(true);
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) {
          throw new CapruneException(ExitCodes.REFUSED, "not confirmed; nothing was changed");
        }
      }
    }
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
        if (stopOf.await(java.time.Duration.ofMillis(50))) {
          spec.commandLine().getErr().println();
          spec.commandLine()
              .getErr()
              .println("caprune: interrupted at the prompt; nothing was changed");
          spec.commandLine().getErr().flush();
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

  /** The run's stop (set when a run starts), for the prompt. */
  private Stop stopOf = new Stop();

  /**
   * The run's exit code from the targets': the worst, in this order: 1 (a target could not
   * complete) over 3 (some versions failed) over 0.
   */
  static int worst(List<Integer> codes) {
    int worst = ExitCodes.OK;
    for (int c : codes) {
      if (rank(c) > rank(worst)) {
        worst = c;
      }
    }
    return worst;
  }

  private static int rank(int code) {
    return switch (code) {
      case ExitCodes.RUNTIME -> 3;
      case ExitCodes.PARTIAL -> 2;
      case ExitCodes.OK -> 0;
      default -> 1;
    };
  }
}
