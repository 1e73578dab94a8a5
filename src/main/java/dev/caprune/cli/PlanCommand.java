package dev.caprune.cli;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.Regions;
import dev.caprune.execute.Action;
import dev.caprune.report.OutputFormat;
import dev.caprune.report.PlanFile;
import dev.caprune.report.Renderer;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.Scope;
import java.nio.file.Path;
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

/** {@code caprune plan}: work with plan files. */
@Command(
    name = "plan",
    description = "Review plan files written by --save-plan.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {PlanCommand.Show.class},
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune archive --domain acme --repository releases --older-than 365d \\",
      "      --keep-latest 10 --save-plan q.json",
      "  caprune plan show q.json",
      "  caprune apply q.json"
    })
final class PlanCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: caprune plan show FILE");
  }

  /** {@code caprune plan show FILE}: the plan for review; checks it as apply would. */
  @Command(
      name = "show",
      description = {
        "Show a plan for review: what it will do, to which versions, as recorded when it was made.",
        "The plan is checked as 'caprune apply' checks it (checksum, schema, every field)."
      },
      footerHeading = HelpLayout.EXAMPLES_HEADING,
      footer = {
        "  caprune delete --domain acme --repository releases --older-than 365d \\",
        "      --save-plan cleanup.json",
        "  caprune plan show cleanup.json",
        "  caprune plan show cleanup.json -o json > review.json"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan file.")
    Path file;

    // Its own -o: a plan is shown as a table or as JSON (no streaming forms, no colours).
    @Option(
        names = {"-o", "--output"},
        paramLabel = "OUTPUT",
        defaultValue = "table",
        completionCandidates = TableOrJson.class,
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** The values of {@code plan show -o}. */
    static final class TableOrJson extends java.util.ArrayList<String> {
      private static final long serialVersionUID = 1L;

      TableOrJson() {
        super(List.of(OutputFormat.table.name(), OutputFormat.json.name()));
      }
    }

    @Mixin LoggingOptions logging;

    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (format.streaming()) {
        throw CapruneException.usage("plan show writes -o table or -o json");
      }
      Plan plan = Plans.read(file);
      // A plan has no colours: it is reviewed, often in a pager or a file.
      Renderer.of(format, spec.commandLine().getOut(), false).plan(plan, context.clock().instant());
      return ExitCodes.OK;
    }
  }

  /** Reads and makes plans; any problem with a plan file is bad input. */
  static final class Plans {
    private static final String[] ENDPOINT_PROPERTIES = {
      "aws.endpointUrlCodeartifact", "aws.endpointUrl"
    };
    private static final String[] ENDPOINT_VARIABLES = {
      "AWS_ENDPOINT_URL_CODEARTIFACT", "AWS_ENDPOINT_URL"
    };

    private Plans() {}

    /**
     * The plan of {@code selections}, bound to where they were listed: the region (resolved as the
     * SDK resolves it), the endpoint (null for AWS's own) and the domain's owner.
     */
    static Plan of(
        CliContext context,
        AwsOptions aws,
        Scope where,
        Action action,
        List<PackageSelection> selections) {
      AwsSettings settings = aws.settings();
      String region = Regions.resolve(settings);
      if (region == null) {
        throw CapruneException.usage(
            "--save-plan: no region is set (--region, AWS_REGION or the profile's region), and a"
                + " plan records the region it was made for");
      }
      String endpoint =
          settings.endpoint() != null
              ? settings.endpoint().toString()
              : environmentEndpoint(context.env());
      return Plan.of(
          VersionProvider.version(),
          // Whole seconds: a plan's time is read by people (plan show), not compared in ns.
          context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
          region,
          endpoint,
          where.domain(),
          owner(where, selections),
          action.wire(),
          selections);
    }

    /**
     * The domain's owner: {@code --domain-owner}, else the one account the listed repositories
     * name, else null (not known without a call).
     */
    static String owner(Scope where, List<PackageSelection> selections) {
      if (where.domainOwner() != null) {
        return where.domainOwner();
      }
      List<String> owners =
          selections.stream()
              .map(s -> s.repository().domainOwner())
              .filter(java.util.Objects::nonNull)
              .distinct()
              .toList();
      return owners.size() == 1 ? owners.get(0) : null;
    }

    /**
     * An endpoint the SDK would take from the environment or system properties ({@code
     * AWS_ENDPOINT_URL_CODEARTIFACT}, {@code AWS_ENDPOINT_URL}), or null.
     */
    static String environmentEndpoint(Map<String, String> env) {
      if ("true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
        return null;
      }
      for (String p : ENDPOINT_PROPERTIES) {
        String v = System.getProperty(p);
        if (v != null && !v.isBlank()) {
          return v.strip();
        }
      }
      for (String e : ENDPOINT_VARIABLES) {
        String v = env.get(e);
        if (v != null && !v.isBlank()) {
          return v.strip();
        }
      }
      return null;
    }

    /** Long values are cut in messages. */
    static String cut(String s) {
      return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Two endpoint URLs name the same endpoint: case of scheme and host, a trailing '/'. */
    static boolean sameEndpoint(String a, String b) {
      return normalize(a).equals(normalize(b));
    }

    private static String normalize(String url) {
      try {
        java.net.URI u = new java.net.URI(url.strip()).normalize();
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        int port = u.getPort();
        if (port == -1) {
          port = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        }
        return (u.getScheme() + "://" + u.getHost() + ":" + port).toLowerCase(Locale.ROOT)
            + path
            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      } catch (java.net.URISyntaxException e) {
        return url;
      }
    }

    static Plan read(Path file) {
      try {
        return PlanFile.read(file);
      } catch (PlanFile.InvalidPlanException e) {
        throw CapruneException.usage(e.getMessage());
      }
    }
  }
}
