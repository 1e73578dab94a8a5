package dev.caprune.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Shell completion scripts generated from the command model, never edited by hand. */
public final class Completions {
  public enum Shell {
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
    return new BashFixes(root).apply(AutoComplete.bash(root.getCommandName(), root));
  }

  /**
   * Two mistakes of picocli's bash script, corrected per command function from the model:
   *
   * <ul>
   *   <li>A flag that is not a {@code boolean} ({@code -v}, a {@code boolean[]} counted with arity
   *       0) is listed among the options that take a value, so {@code caprune versions -v
   *       --dom<TAB>} completed nothing: moved to the flags, its "a value comes next" case dropped.
   *   <li>Each option's values are kept in an array named after its label, so two options with the
   *       same label and different values ({@code --format FORMAT} and {@code -o FORMAT}) shared
   *       one array, the last one's: each array is named after its option instead.
   * </ul>
   */
  static final class BashFixes {
    private static final Pattern FUNCTION = Pattern.compile("^function (_picocli_\\w+)\\(\\) \\{$");
    private static final Pattern VALUES =
        Pattern.compile("^(\\s*local )(\\w+)_option_args=(.*) # (\\S+) values$");
    private static final Pattern BRANCH = Pattern.compile("^    ('[^']+'(?:\\|'[^']+')*)\\)$");
    private static final Pattern USE = Pattern.compile("\\$\\{(\\w+)_option_args\\[@\\]\\}");

    private final Map<String, CommandSpec> functions = new HashMap<>();

    BashFixes(CommandLine root) {
      collect("_picocli_" + root.getCommandName(), root);
    }

    private void collect(String function, CommandLine cmd) {
      functions.put(function, cmd.getCommandSpec());
      for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
        if (e.getKey().equals(e.getValue().getCommandName())) {
          collect(function + "_" + e.getKey().replaceAll("\\W", "_"), e.getValue());
        }
      }
    }

    String apply(String script) {
      StringBuilder out = new StringBuilder();
      CommandSpec spec = null;
      Map<String, String> arrays = new HashMap<>(); // option name -> its values' array
      List<String> branch = List.of();
      boolean skipping = false;
      for (String line : script.split("\n", -1)) {
        Matcher m = FUNCTION.matcher(line);
        if (m.matches()) {
          spec = functions.get(m.group(1));
          arrays.clear();
          branch = List.of();
        }
        if (skipping) {
          skipping = !line.strip().equals(";;");
          continue;
        }
        if (spec != null) {
          List<String> flags = valuelessNonBooleanFlags(spec);
          String trimmed = line.strip();
          if (trimmed.startsWith("local flag_opts=\"") && !flags.isEmpty()) {
            line = line.substring(0, line.length() - 1) + " " + quoted(flags) + "\"";
            line = line.replace("=\" '", "=\"'");
          } else if (trimmed.startsWith("local arg_opts=\"")) {
            for (String f : flags) {
              line =
                  line.replace(" '" + f + "'", "")
                      .replace("'" + f + "' ", "")
                      .replace("'" + f + "'", "");
            }
          }
          Matcher values = VALUES.matcher(line);
          if (values.matches()) {
            String array = values.group(4).replaceFirst("^-+", "").replaceAll("\\W", "_");
            arrays.put(values.group(4), array);
            line =
                values.group(1)
                    + array
                    + "_option_args="
                    + values.group(3)
                    + " # "
                    + values.group(4)
                    + " values";
          }
          Matcher b = BRANCH.matcher(line);
          if (b.matches()) {
            branch = List.of(b.group(1).replace("'", "").split("\\|"));
            if (flags.containsAll(branch)) {
              skipping = true;
              continue;
            }
          }
          Matcher use = USE.matcher(line);
          if (use.find()) {
            String array =
                branch.stream().map(arrays::get).filter(a -> a != null).findFirst().orElse(null);
            if (array != null) {
              line = use.replaceFirst(Matcher.quoteReplacement("${" + array + "_option_args[@]}"));
            }
          }
        }
        out.append(line).append('\n');
      }
      return out.substring(0, out.length() - 1);
    }

    /**
     * Options that take no value but that picocli, which asks for a boolean, takes for ones that
     * do.
     */
    private static List<String> valuelessNonBooleanFlags(CommandSpec spec) {
      List<String> names = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        if (!o.hidden()
            && o.arity().max() == 0
            && o.type() != boolean.class
            && o.type() != Boolean.class) {
          names.addAll(List.of(o.names()));
        }
      }
      return names;
    }

    private static String quoted(List<String> names) {
      StringBuilder s = new StringBuilder();
      for (String n : names) {
        s.append(s.length() == 0 ? "" : " ").append('\'').append(n).append('\'');
      }
      return s.toString();
    }
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
