package dev.caprune.cli;

import dev.caprune.run.Apply;
import dev.caprune.run.ApplyRequest;
import dev.caprune.run.CapruneException;
import dev.caprune.select.Durations;
import dev.caprune.select.ProtectList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
      "  caprune apply cleanup.json --dry-run --exclude 'tools/deploy-bundle@*'",
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

  @Option(
      names = "--exclude",
      paramLabel = "PATTERN",
      description =
          "Leave out the plan's versions that match [namespace/]package@version (globs, as in a"
              + " protect file; repeatable). It only narrows the plan: everything else is"
              + " carried out as reviewed.")
  List<String> exclude = new ArrayList<>();

  @Mixin ActionOptions safety;
  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;

  @Option(names = "--long", description = OutputOptions.LONG)
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
    ApplyRequest request =
        new ApplyRequest(
            file,
            limit,
            maxAge,
            domainOwner,
            safety.dryRun,
            safety.yes,
            safety.max,
            sizes.request(),
            Requests.output(context, output, longTable),
            aws.request(),
            excludes());
    return Apply.run(TerminalConsole.runContext(context, spec, logging), request);
  }

  /** The --exclude patterns, each checked as a protect file's line is. */
  private List<ProtectList.Rule> excludes() {
    List<ProtectList.Rule> rules = new ArrayList<>();
    for (String pattern : exclude) {
      try {
        rules.add(ProtectList.rule(rules.size() + 1, pattern));
      } catch (IllegalArgumentException e) {
        throw CapruneException.usage("--exclude: " + e.getMessage());
      }
    }
    return rules;
  }
}
