package dev.caprune.cli;

import dev.caprune.report.Schemas;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune schema NAME}: one published JSON Schema on stdout. */
@Command(
    name = "schema",
    description = {
      "Print the JSON Schema of a document caprune prints, or of the policy file.",
      "report: an action's -o json; report-line: one line of its -o ndjson; versions,"
          + " versions-line; usage, usage-line; policy-run, policy-run-line; plan: a plan file;"
          + " plans: policy run --save-plan -o json; policy: the policy file."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune schema report > caprune-report.schema.json",
      "  caprune schema policy > caprune-policy.schema.json"
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      completionCandidates = Names.class,
      description = "The document: ${COMPLETION-CANDIDATES}.")
  String name;

  /** The schemas' names, for help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Schemas.NAMES.keySet().iterator();
    }
  }

  @Override
  public Integer call() {
    String text =
        Schemas.text(name)
            .orElseThrow(
                () ->
                    CapruneException.usage(
                        "no schema '"
                            + name
                            + "': one of "
                            + String.join(", ", Schemas.NAMES.keySet())));
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
