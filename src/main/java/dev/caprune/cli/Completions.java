package dev.caprune.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** Shell completion scripts generated from the command model, never edited by hand. */
final class Completions {
  enum Shell {
    bash,
    zsh,
    fish
  }

  private Completions() {}

  static String script(Shell shell, CommandLine root) {
    return switch (shell) {
      case bash -> bash(root);
      case zsh -> zsh(root);
      case fish -> FishCompletion.script(root);
    };
  }

  static String bash(CommandLine root) {
    return repeatableFlagsAsFlags(AutoComplete.bash(root.getCommandName(), root));
  }

  /**
   * picocli's bash script lists a repeatable flag ({@code -v}, a {@code boolean[]}) among the
   * options that take a value, so {@code caprune versions -v --dom<TAB>} completed nothing: moved
   * to the flags, and its "a value comes next" case dropped.
   */
  static String repeatableFlagsAsFlags(String script) {
    String flags = "'-v' '--verbose'";
    StringBuilder out = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (line.trim().startsWith("local arg_opts=\"") && line.contains(flags)) {
        line = line.replace(flags + " ", "").replace(" " + flags, "").replace(flags, "");
      } else if (line.trim().startsWith("local flag_opts=\"") && !line.contains(flags)) {
        line = line.replaceFirst("\"$", " " + flags + "\"").replace("=\" '", "=\"'");
      }
      out.append(line).append('\n');
    }
    String result = out.substring(0, out.length() - 1);
    return result.replace("    " + flags.replace("' '", "'|'") + ")\n      return\n      ;;\n", "");
  }

  /**
   * picocli supports zsh through zsh's bashcompinit. Wrapped as a {@code #compdef} file, the same
   * script works both sourced and autoloaded from {@code $fpath} as {@code _caprune}.
   */
  static String zsh(CommandLine root) {
    String name = root.getCommandName();
    String bash = bash(root);
    if (bash.startsWith("#!")) {
      bash = bash.substring(bash.indexOf('\n') + 1);
    }
    return "#compdef "
        + name
        + "\n"
        + "#\n"
        + "# zsh completion for "
        + name
        + ": put this file as _"
        + name
        + " in a directory of $fpath, or run\n"
        + "#   source <("
        + name
        + " completion zsh)\n"
        + "# It is picocli's bash completion run through zsh's bashcompinit.\n"
        + "\n"
        + "# bash's compopt has no zsh equivalent; picocli aliases it, but an alias made while\n"
        + "# this file runs as a function does not reach the functions defined below.\n"
        + "(( ${+functions[compopt]} )) || function compopt { return 0; }\n"
        + bash
        + "\n"
        + "# Autoloaded from $fpath as _"
        + name
        + ": the lines above registered the completion for the next\n"
        + "# time; complete the word being typed now as well.\n"
        + "if [[ ${funcstack[1]} == _"
        + name
        + " ]]; then\n"
        + "  _bash_complete -F _complete_"
        + name
        + " -o default\n"
        + "fi\n";
  }
}
