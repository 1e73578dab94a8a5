package dev.caprune.run;

import dev.caprune.execute.Stop;
import dev.caprune.select.Action;
import dev.caprune.select.Durations;
import dev.caprune.select.Names;
import dev.caprune.select.Plan;
import dev.caprune.select.ProtectList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code caprune apply}: a reviewed plan carried out exactly, where it was made; an action's plan
 * by the action run, a policy's by the policy run.
 */
public final class Apply {
  private static final Logger LOG = LoggerFactory.getLogger(Apply.class);

  private Apply() {}

  public static int run(RunContext context, ApplyRequest r) throws Exception {
    // From the first line: a signal while a large plan loads still ends with a (whole) report.
    Stop stop = new Stop();
    try (Interrupts interrupts = context.console().interrupts(stop)) {
      return apply(context, r, stop, interrupts);
    }
  }

  private static int apply(RunContext context, ApplyRequest r, Stop stop, Interrupts interrupts)
      throws Exception {
    Path file = r.file();
    Plan read = Plans.read(file); // checked whole, checksum included, before it is narrowed
    Instant now = context.clock().instant();
    Duration age = Duration.between(read.createdAt(), now);
    if (age.compareTo(r.maxAge()) > 0) {
      throw CapruneException.usage(
          file
              + ": the plan is "
              + Durations.human(age)
              + " old, older than --max-age "
              + r.maxAgeText()
              + ": make a new plan (or pass a larger --max-age)");
    }
    if (age.compareTo(Duration.ofMinutes(-5)) < 0) {
      throw CapruneException.usage(
          file
              + ": the plan was made in the future ("
              + dev.caprune.select.Times.iso(read.createdAt())
              + "): check the clock");
    }
    AwsRequest aws = bind(context, r, read);
    Plan plan = r.exclude().isEmpty() ? read : exclude(context, r.exclude(), read);
    if (plan.policy()) {
      // A policy's plan: each version with its own action and rule, reported per rule.
      return PolicyRun.apply(context, r, aws, plan, stop, interrupts);
    }
    Action action =
        Action.fromWire(plan.action())
            .orElseThrow(
                () -> CapruneException.usage(file + ": unknown action '" + plan.action() + "'"));
    return ActionRun.apply(context, r, aws, plan, action, stop, interrupts);
  }

  /**
   * The plan without the entries an {@code --exclude} rule matches: it can only narrow. Says on
   * stderr how many entries were left out, and warns about each rule that left out none.
   */
  private static Plan exclude(RunContext context, List<ProtectList.Rule> rules, Plan plan) {
    int[] counts = new int[rules.size()];
    Plan narrowed =
        plan.without(
            e -> {
              boolean out = false;
              for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).matches(e.packageId(), e.version())) {
                  counts[i]++;
                  out = true;
                }
              }
              return out;
            });
    for (int i = 0; i < rules.size(); i++) {
      if (counts[i] == 0) {
        LOG.warn("--exclude {}: matched no version in the plan", Names.quote(rules.get(i).text()));
      }
    }
    int total = plan.versions().size();
    int excluded = total - narrowed.versions().size();
    PrintWriter err = context.console().err();
    err.println(
        String.format(
            "caprune: --exclude: %,d of the plan's %,d version%s excluded; %,d left to %s.",
            excluded,
            total,
            total == 1 ? "" : "s",
            total - excluded,
            plan.policy() ? "apply" : plan.action()));
    err.flush();
    return narrowed;
  }

  /**
   * The options pointed at where the plan was made; options or an environment that point elsewhere
   * are refused: a plan made against one account, region or endpoint is never carried out on
   * another.
   */
  private static AwsRequest bind(RunContext context, ApplyRequest r, Plan plan) {
    Path file = r.file();
    AwsRequest aws = r.aws();
    String domainOwner = r.domainOwner();
    if (domainOwner != null && !domainOwner.equals(plan.domainOwner())) {
      throw CapruneException.usage(
          file
              + ": the plan is for "
              + (plan.domainOwner() == null
                  ? "the account that made it (it records no account)"
                  : "account " + plan.domainOwner())
              + ", not --domain-owner "
              + Plans.cut(domainOwner)
              + "; nothing was changed");
    }
    if (aws.region() != null && !aws.region().equals(plan.region())) {
      throw CapruneException.usage(
          file
              + ": the plan was made in region "
              + plan.region()
              + ", not --region "
              + Plans.cut(aws.region())
              + "; nothing was changed");
    }
    String environment = Plans.environmentEndpoint(context.env());
    if (aws.endpointUrl() != null
        && (plan.endpoint() == null || !Plans.sameEndpoint(aws.endpointUrl(), plan.endpoint()))) {
      throw CapruneException.usage(
          file
              + ": the plan was made against "
              + (plan.endpoint() == null ? "AWS's endpoint" : "endpoint " + plan.endpoint())
              + ", not --endpoint-url "
              + Plans.cut(aws.endpointUrl())
              + "; nothing was changed");
    }
    if (plan.endpoint() == null && environment != null) {
      throw CapruneException.usage(
          file
              + ": the plan was made against AWS's endpoint, but the environment"
              + " (AWS_ENDPOINT_URL...) points at "
              + Plans.cut(environment)
              + "; nothing was changed");
    }
    return aws.boundTo(plan.region(), plan.endpoint());
  }
}
