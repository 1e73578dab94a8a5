package dev.caprune.cli;

import dev.caprune.execute.Usage;
import dev.caprune.report.Where;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.run.Session;
import dev.caprune.run.SizeRequest;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caprune usage}: a repository's storage by package, largest first. Read-only. */
@Command(
    name = "usage",
    sortOptions = false,
    description = {
      "Show a repository's storage by package, largest first: versions (every status), bytes,"
          + " oldest and newest publish time, and the monthly cost at --price-per-gb-month"
          + " (read-only).",
      "Cost: one ListPackageVersionAssets call per version (more for versions with over 1,000"
          + " files), at most 200 a second (its quota), plus one ListPackageVersions"
          + " and up to two DescribePackageVersion calls per package. Storage is deduplicated per"
          + " domain: the total counts each file once."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  caprune usage --domain acme --repository releases --top 10",
      "  caprune usage --domain acme --repository '*' -o json"
    })
final class UsageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ScopeOptions scope;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Show the N largest packages (default: all); the summary counts them all.")
  Integer top;

  @Option(
      names = "--price-per-gb-month",
      paramLabel = "USD",
      defaultValue = SizeOptions.DEFAULT_PRICE,
      description =
          "The storage price in USD per GB-month (GiB) (default: ${DEFAULT-VALUE},"
              + " CodeArtifact's published storage price in us-east-1).")
  double pricePerGbMonth;

  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  UsageCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Scope where = scope.scope();
    if (top != null && top < 1) {
      throw CapruneException.usage("--top must be 1 or more, not " + top);
    }
    double usd = SizeRequest.checked(pricePerGbMonth);
    var renderer = output.renderer(context, spec.commandLine().getOut()); // --query checked now
    PrintWriter err = spec.commandLine().getErr();
    if (!logging.quiet()) {
      err.println(
          "caprune: usage lists every version's files: one ListPackageVersionAssets call per"
              + " version, at most 200 a second, plus one ListPackageVersions and up to two"
              + " DescribePackageVersion calls per package.");
      err.flush();
    }
    Usage.Report report;
    Where place;
    double perSecond = aws.connection().limits().listsPerOperation();
    try (Session session = new Session(context.gateways(), aws.connection());
        AutoCloseable display =
            ProgressDisplay.start(context, logging, session.progress, "listed", err)) {
      List<RepositoryRef> repos = session.scan.repositories(where);
      report =
          new Usage(session.gateway, session.workers, session.progress, session.sizes(usd))
              .measure(
                  repos,
                  counts -> {
                    if (!logging.quiet() && !context.terminal().progress()) {
                      err.println(
                          String.format(
                              "caprune: %,d versions in %,d packages: %s of"
                                  + " ListPackageVersionAssets calls at the least.",
                              counts[0],
                              counts[1],
                              counts[0] < perSecond
                                  ? "under a second"
                                  : "%,d s".formatted((long) (counts[0] / perSecond))));
                      err.flush();
                    }
                  });
      place =
          session.where(
              where.domain(), repos.isEmpty() ? where.domainOwner() : repos.get(0).domainOwner());
    }
    renderer.usage(report, place, top == null ? Integer.MAX_VALUE : top, usd);
    return ExitCodes.OK;
  }
}
