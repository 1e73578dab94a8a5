package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.Regions;
import dev.caprune.execute.PolicyScan;
import dev.caprune.report.PlanFile;
import dev.caprune.report.Renderer;
import dev.caprune.select.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/** A policy run's {@code --save-plan}: one plan per target, each bound to where it selects. */
final class PolicyPlans {
  private static final org.slf4j.Logger LOG_PINS =
      org.slf4j.LoggerFactory.getLogger(PolicyPlans.class);

  private PolicyPlans() {}

  /**
   * {@code --save-plan FILE}: select, change nothing, write one plan per target, each bound to its
   * target's region, endpoint and account ({@code FILE} itself for one target; else the target's
   * name before the extension: {@code plan.prod.json}).
   */
  static int savePlans(
      RunContext context,
      PolicyRunRequest policy,
      List<PolicyTarget> targets,
      List<Session> sessions,
      Focus focus) {
    Console console = context.console();
    PrintWriter out = console.out();
    PrintWriter err = console.err();
    Output output = policy.output();
    Path savePlan = policy.savePlan();
    // Every target's region first: a plan records it, and a missing one is the file's mistake.
    List<String> regions = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String region = Regions.resolve(sessions.get(i).settings, context.env());
      if (region == null) {
        region = sessions.get(i).gateway.region();
      }
      if (region == null) {
        throw targets
            .get(i)
            .at("region")
            .error(
                "no region (region:, AWS_REGION, AWS_DEFAULT_REGION or the profile's region), and a plan records the"
                    + " region it was made for");
      }
      regions.add(region);
    }
    // Targets are independent, as in a run: one that fails gets no plan, the others get theirs.
    List<Renderer.SavedPlan> saved = new ArrayList<>();
    int code = ExitCodes.OK;
    for (int i = 0; i < targets.size(); i++) {
      PolicyTarget t = targets.get(i);
      Session session = sessions.get(i);
      AwsSettings s = session.settings;
      Path target = targets.size() == 1 ? savePlan : planFile(savePlan, t.name());
      ConcurrentSkipListMap<Long, Plan.RuleSelection> selected = new ConcurrentSkipListMap<>();
      try {
        PolicyScan scan =
            new PolicyScan(session.gateway, session.workers, session.progress, policy.policy());
        List<dev.caprune.select.RepositoryRef> repos = focus.repositories(scan, t);
        dev.caprune.execute.Pipeline.Source source = sink -> focus.select(scan, repos, sink);
        ProtectionReport report = new ProtectionReport();
        var protections = policy.protections();
        if (protections != null && protections.on()) {
          // A plan holds nothing a remaining version needs, as a run would not act on it.
          source =
              session
                  .dependents()
                  .source(
                      source,
                      t.scope(),
                      repos,
                      protections,
                      dev.caprune.select.Action.DELETE, // unused: each rule's carries its own
                      report::told);
        }
        source.select(
            (order, sel, action, rule) ->
                selected.put(order, new Plan.RuleSelection(sel, action.wire(), rule)));
        report.unmatchedPins().forEach(w -> LOG_PINS.warn(w));
        if (report.failure() != null) {
          saved.add(
              new Renderer.SavedPlan(
                  t.name(), null, null, console.oneLine(report.failure()) + "; no plan"));
          code = ExitCodes.RUNTIME;
          continue;
        }
      } catch (GatewayException e) {
        saved.add(
            new Renderer.SavedPlan(
                t.name(), null, null, console.oneLine(e.getMessage()) + "; no plan"));
        code = ExitCodes.RUNTIME;
        continue;
      }
      List<Plan.RuleSelection> list = List.copyOf(selected.values());
      Plan plan =
          Plan.ofPolicy(
              context.version().get(),
              // Whole seconds: a plan's time is read by people (plan show), not compared in ns.
              context.clock().instant().truncatedTo(ChronoUnit.SECONDS),
              regions.get(i),
              s.endpoint() != null
                  ? s.endpoint().toString()
                  : Plans.environmentEndpoint(context.env()),
              t.scope().domain(),
              Plans.owner(t.scope(), list.stream().map(Plan.RuleSelection::selection).toList()),
              t.name(),
              list);
      try {
        PlanFile.write(plan, target);
      } catch (IOException e) {
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
    output.renderer(out).plans(saved, context.clock().instant());
    out.flush();
    for (Renderer.SavedPlan p : saved) {
      if (p.error() != null) {
        err.println("caprune: target " + p.target() + " failed: " + p.error());
      }
    }
    List<String> made =
        saved.stream().map(Renderer.SavedPlan::file).filter(Objects::nonNull).toList();
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
}
