package dev.caprune.cli;

import dev.caprune.cli.PlanCommand.Plans;
import dev.caprune.execute.Action;
import dev.caprune.execute.Stop;
import dev.caprune.run.CapruneException;
import dev.caprune.select.Durations;
import dev.caprune.select.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune apply FILE}: carry out exactly a reviewed plan. */
@Command(
    name = "apply",
    sortOptions = false,
    description = {
      "Carry out exactly the plan in FILE: only its versions, each guarded by the status (and,"
          + " where the API takes it, the revision) recorded when the plan was made. A version"
          + " that changed since is left alone and reported.",
      "The plan records where it was made (region, endpoint, account) and is carried out there:"
          + " --region, --endpoint-url and --domain-owner may be given only to say the same.",
      "Refused (exit 2, no call) when any field of the plan is not valid, its checksum does not"
          + " match, its schema is not this caprune's, it is older than --max-age, or the options"
          + " or environment point at another region, endpoint or account."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune delete --domain acme --repository releases --older-than 365d \\",
      "      --save-plan cleanup.json",
      "  caprune plan show cleanup.json",
      "  caprune apply cleanup.json --dry-run",
      "  caprune apply cleanup.json --yes -o json > applied.json"
    })
final class ApplyCommand implements Callable<Integer>, HelpLayout.Declines {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE", description = "The plan file (--save-plan).")
  Path file;

  @Option(
      names = "--max-age",
      paramLabel = "AGE",
      defaultValue = "7d",
      description = "Refuse a plan older than this: 7d, 12h, P7D (default: ${DEFAULT-VALUE}).")
  String maxAge;

  @Option(
      names = "--domain-owner",
      paramLabel = "ACCOUNT",
      description =
          "The account the plan must be for (default: the one it records); any other is refused.")
  String domainOwner;

  @Mixin ActionOptions safety;
  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;

  @Option(
      names = "--long",
      description =
          "On a terminal, show every version in the table even in a big run (over "
              + dev.caprune.report.Renderer.BIG_RUN
              + " versions: one line per package and every failure otherwise).")
  boolean longTable;

  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  ApplyCommand(CliContext context) {
    this.context = context;
  }

  /** A plan is shown by 'plan show', not explained: refused with that hint, not offered. */
  @Override
  public java.util.List<String> declined() {
    return java.util.List.of("--explain");
  }

  @Override
  public Integer call() throws Exception {
    Duration limit;
    try {
      limit = Durations.parseAge(maxAge);
    } catch (IllegalArgumentException e) {
      throw CapruneException.usage("--max-age: " + e.getMessage());
    }
    if (safety.explain) {
      throw CapruneException.usage(
          "--explain is for action commands; 'caprune plan show' shows a plan");
    }
    // From the first line: a signal while a large plan loads still ends with a (whole) report.
    Stop stop = new Stop();
    try (Signals signals = Signals.install(stop)) {
      return apply(stop, signals, limit);
    }
  }

  private int apply(Stop stop, Signals signals, Duration limit) throws Exception {
    Plan plan = Plans.read(file);
    Instant now = context.clock().instant();
    Duration age = Duration.between(plan.createdAt(), now);
    if (age.compareTo(limit) > 0) {
      throw CapruneException.usage(
          file
              + ": the plan is "
              + Durations.human(age)
              + " old, older than --max-age "
              + maxAge
              + ": make a new plan (or pass a larger --max-age)");
    }
    if (age.compareTo(Duration.ofMinutes(-5)) < 0) {
      throw CapruneException.usage(
          file + ": the plan was made in the future (" + plan.createdAt() + "): check the clock");
    }
    bind(plan);
    if (plan.policy()) {
      // A policy's plan: each version with its own action and rule, reported per rule.
      return PolicyRunCommand.apply(
          context, spec, file, plan, safety, sizes, output, aws, logging, stop, signals);
    }
    Action action =
        Action.fromWire(plan.action())
            .orElseThrow(
                () -> CapruneException.usage(file + ": unknown action '" + plan.action() + "'"));
    return new ActionRun(context, spec, action, null, null, safety, null, output, aws, logging)
        .stoppedBy(stop)
        .longTable(longTable)
        .sizes(sizes)
        .apply(plan, signals);
  }

  /**
   * Points the run at where the plan was made, and refuses options or an environment that point
   * elsewhere: a plan made against one account, region or endpoint is never carried out on another.
   */
  private void bind(Plan plan) {
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
    if (aws.region != null && !aws.region.equals(plan.region())) {
      throw CapruneException.usage(
          file
              + ": the plan was made in region "
              + plan.region()
              + ", not --region "
              + Plans.cut(aws.region)
              + "; nothing was changed");
    }
    String environment = Plans.environmentEndpoint(context.env());
    if (aws.endpointUrl != null
        && (plan.endpoint() == null || !Plans.sameEndpoint(aws.endpointUrl, plan.endpoint()))) {
      throw CapruneException.usage(
          file
              + ": the plan was made against "
              + (plan.endpoint() == null ? "AWS's endpoint" : "endpoint " + plan.endpoint())
              + ", not --endpoint-url "
              + Plans.cut(aws.endpointUrl)
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
    aws.region = plan.region();
    aws.endpointUrl = plan.endpoint();
  }
}
