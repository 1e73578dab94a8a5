package dev.caprune.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caprune completion bash|zsh|fish}: prints the shell completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script for caprune.",
      "",
      "bash:  source <(caprune completion bash)",
      "zsh:   source <(caprune completion zsh)",
      "         or save it as _caprune in a directory of your $fpath",
      "fish:  caprune completion fish | source",
      "         or save it as ~/.config/fish/completions/caprune.fish",
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "The shell: ${COMPLETION-CANDIDATES}.")
  Completions.Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Completions.script(shell, spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
