package dev.caprune.cli;

import dev.caprune.report.View;
import dev.caprune.report.Where;
import dev.caprune.run.Session;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.Scope;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caprune versions}: list the versions that match. Read-only. */
@Command(
    name = "versions",
    sortOptions = false,
    description = "List the package versions that match the filters (read-only).",
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune versions --domain acme --repository releases --format npm \\",
      "      --package '@acme/*'",
      "  caprune versions --domain acme --repository snapshots --status Unlisted \\",
      "      -o json",
      "  caprune versions --domain acme --repository releases \\",
      "      --package '@acme/ui-kit' --keep-latest 3 --older-than 90d --explain"
    })
final class VersionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ScopeOptions scope;
  @Mixin FilterOptions filters;

  @Option(
      names = "--explain",
      description =
          "Show every version of the matching packages with whether it is selected and why.")
  boolean explain;

  @Mixin SizeOptions sizes;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;
  @Mixin LoggingOptions logging;

  private final CliContext context;

  VersionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    var criteria = filters.criteria(context.clock());
    var protections = filters.protections(); // a lockfile that cannot be read: exit 2
    var protection = new dev.caprune.run.ProtectionReport();
    Scope where = scope.scope();
    double price = sizes.price();
    var renderer = output.renderer(context, spec.commandLine().getOut()); // --query checked now
    List<PackageSelection> selections;
    Where place;
    View.VersionSizes sized = null;
    try (Session session = new Session(context.gateways(), aws.connection())) {
      List<RepositoryRef> repos;
      try (AutoCloseable display =
          ProgressDisplay.start(
              context, logging, session.progress, null, spec.commandLine().getErr())) {
        repos = session.scan.repositories(where);
        selections = session.scan.scan(repos, criteria, explain);
        // With protections, what a delete with the same filters would leave: its exact preview.
        selections =
            session
                .dependents()
                .shown(
                    where,
                    repos,
                    protections,
                    dev.caprune.select.Action.DELETE,
                    selections,
                    protection::told);
        if (sizes.sizes) {
          sized = View.VersionSizes.of(session.sizes(price).lookUpListed(selections, explain));
        }
      }
      filters.checkProtectRules(criteria);
      protection.checkPins(protections.strict());
      filters.checkPackages(
          session.scan.missingPackages(repos, criteria),
          session.scan.missingVersions(criteria),
          where.toString());
      place =
          session.where(
              where.domain(),
              repos.isEmpty() ? where.domainOwner() : repos.get(0).domainOwner(),
              renderer.namesAccount());
    }
    renderer.versions(selections, place, explain, sized);
    return protection.exitCode(spec.commandLine().getErr());
  }
}
