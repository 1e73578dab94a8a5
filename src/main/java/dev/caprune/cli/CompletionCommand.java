package dev.caprune.cli;

import dev.caprune.run.ExitCodes;
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
      "Load it in the running shell, or save it where the shell looks for completions (the .deb"
          + " installs all three)."
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  source <(caprune completion bash)          # bash, this shell",
      "  caprune completion bash > ~/.local/share/bash-completion/completions/caprune",
      "  source <(caprune completion zsh)           # zsh, this shell",
      "  caprune completion zsh > ~/.zfunc/_caprune  # fpath+=(~/.zfunc) in ~/.zshrc",
      "  caprune completion fish | source           # fish, this shell",
      "  caprune completion fish > ~/.config/fish/completions/caprune.fish"
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
