package dev.caprune.cli;

import dev.caprune.policy.PolicyFile;
import dev.caprune.run.ExitCodes;
import dev.caprune.select.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune policy}: retention as code, one file of ordered rules over many targets. */
@Command(
    name = "policy",
    description =
        "Run a retention policy: one file, ordered rules, many repositories and accounts.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      PolicyCommand.Check.class,
      PolicyCommand.Init.class,
      PolicyCommand.Schema.class,
      PolicyRunCommand.class
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune policy init > retention.yaml",
      "  caprune policy check retention.yaml",
      "  caprune policy run retention.yaml --dry-run --explain",
      "  caprune policy run retention.yaml --yes --max 5000 -o ndjson > record.ndjson"
    })
final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: caprune policy check|init|schema|run");
  }

  /** {@code caprune policy check FILE}: validates; no call of any kind. */
  @Command(
      name = "check",
      description = {
        "Check a policy file as 'policy run' reads it, with no call of any kind.",
        "A problem is exit 2, one line naming the file, line, column and field."
      },
      footerHeading = HelpLayout.EXAMPLES_HEADING,
      footer = {"  caprune policy init > retention.yaml", "  caprune policy check retention.yaml"})
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;
    @Mixin LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (YAML or JSON).")
    Path file;

    private final CliContext context;

    Check(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PolicyFile.Loaded p = PolicyFile.read(file, context.clock());
      Map<String, Integer> byAction = new TreeMap<>();
      for (Policy.Rule r : p.policy().rules()) {
        byAction.merge(r.verb(), 1, Integer::sum);
      }
      StringBuilder actions = new StringBuilder();
      byAction.forEach(
          (a, n) ->
              actions.append(actions.length() == 0 ? "" : ", ").append(n).append(' ').append(a));
      spec.commandLine()
          .getOut()
          .printf(
              "%s: valid: %d target%s, %d rule%s (%s)%n",
              file,
              p.targets().size(),
              p.targets().size() == 1 ? "" : "s",
              p.policy().rules().size(),
              p.policy().rules().size() == 1 ? "" : "s",
              actions);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  /** {@code caprune policy init}: a commented example policy on stdout. */
  @Command(
      name = "init",
      description = "Print a commented example policy to start from.",
      footerHeading = HelpLayout.EXAMPLES_HEADING,
      footer = {"  caprune policy init > retention.yaml"})
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Override
    public Integer call() throws IOException {
      spec.commandLine().getOut().print(example());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }

    static String example() throws IOException {
      try (InputStream in = PolicyCommand.class.getResourceAsStream("policy-example.yaml")) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** {@code caprune policy schema}: the policy file's JSON Schema on stdout, for editors. */
  @Command(
      name = "schema",
      description = {
        "Print the policy file's JSON Schema, for editors to validate and complete with.",
        "Save it next to the policy, and make the policy's first line:",
        "  # yaml-language-server: $schema=./caprune-policy.schema.json"
      },
      footerHeading = HelpLayout.EXAMPLES_HEADING,
      footer = {"  caprune policy schema > caprune-policy.schema.json"})
  static final class Schema implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Override
    public Integer call() throws IOException {
      try (InputStream in =
          PolicyCommand.class.getResourceAsStream("/caprune-policy.schema.json")) {
        spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
