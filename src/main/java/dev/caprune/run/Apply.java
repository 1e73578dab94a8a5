package dev.caprune.run;

import dev.caprune.execute.Stop;
import dev.caprune.select.Action;
import dev.caprune.select.Durations;
import dev.caprune.select.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code caprune apply}: a reviewed plan carried out exactly, where it was made; an action's plan
 * by the action run, a policy's by the policy run.
 */
public final class Apply {
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
    Plan plan = Plans.read(file);
    Instant now = context.clock().instant();
    Duration age = Duration.between(plan.createdAt(), now);
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
              + dev.caprune.select.Times.iso(plan.createdAt())
              + "): check the clock");
    }
    AwsRequest aws = bind(context, r, plan);
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
