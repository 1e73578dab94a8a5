package dev.caprune.cli;

import dev.caprune.execute.Action;
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
      "Refused (exit 2, no call) when the plan's checksum does not match, its schema is newer"
          + " than this caprune, or it is older than --max-age."
    })
final class ApplyCommand implements Callable<Integer>, CallsAws {
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

  @Mixin ActionOptions safety;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  ApplyCommand(CliContext context) {
    this.context = context;
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
    Plan plan = PlanCommand.Plans.read(file);
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
    Action action =
        Action.fromWire(plan.action())
            .orElseThrow(
                () -> CapruneException.usage(file + ": unknown action '" + plan.action() + "'"));
    return new ActionRun(context, spec, action, null, null, safety, null, output, aws, logging)
        .apply(plan);
  }
}
