package dev.caprune.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * fish completion from the command model (picocli generates bash only). One helper finds which
 * (sub)command the words typed so far select; every {@code complete} line is guarded by it.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandLine root) {
    String name = root.getCommandName();
    String at = "__" + name + "_at";
    String path = "__" + name + "_command_path";
    StringBuilder s = new StringBuilder();
    s.append("# fish completion for ")
        .append(name)
        .append(", generated from its command model by `")
        .append(name)
        .append(" completion fish`.\n")
        .append("# Save as ~/.config/fish/completions/")
        .append(name)
        .append(".fish, or run: ")
        .append(name)
        .append(" completion fish | source\n\n");

    List<String> cases = new ArrayList<>();
    collectCases(root, name, cases);
    s.append("# Prints the (sub)command selected by the words typed so far, e.g. '")
        .append(name)
        .append(" sandbox'.\n")
        .append("function ")
        .append(path)
        .append("\n")
        .append("    set -l path ")
        .append(name)
        .append("\n")
        .append("    for token in (commandline -opc)[2..-1]\n")
        .append("        switch \"$path $token\"\n");
    if (!cases.isEmpty()) {
      s.append("            case ").append(String.join(" ", cases)).append("\n");
      s.append("                set path \"$path $token\"\n");
    }
    s.append("        end\n").append("    end\n").append("    echo $path\n").append("end\n\n");
    s.append("function ")
        .append(at)
        .append("\n")
        .append("    test (")
        .append(path)
        .append(") = \"$argv\"\n")
        .append("end\n\n");
    s.append("# Files only where an option or parameter takes one.\n");
    s.append("complete -c ").append(name).append(" -f\n");
    emit(root, name, name, at, s);
    return s.toString();
  }

  private static void collectCases(CommandLine cmd, String prefix, List<String> cases) {
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(cmd)) {
      CommandLine sub = e.getValue();
      for (String alias : names(sub)) {
        cases.add(quote(prefix + " " + alias));
      }
      collectCases(sub, prefix + " " + sub.getCommandName(), cases);
    }
  }

  private static void emit(CommandLine cmd, String name, String path, String at, StringBuilder s) {
    CommandSpec spec = cmd.getCommandSpec();
    String guard = " -n " + quote(at + " " + path);
    s.append("\n# ").append(path).append("\n");
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(cmd)) {
      CommandLine sub = e.getValue();
      s.append("complete -c ")
          .append(name)
          .append(guard)
          .append(" -a ")
          .append(quote(sub.getCommandName()))
          .append(describe(sub.getCommandSpec().usageMessage().description()))
          .append("\n");
    }
    // Sorted: options declared on methods come in no fixed order from reflection.
    List<OptionSpec> options = new ArrayList<>(spec.options());
    options.sort(java.util.Comparator.comparing(OptionSpec::longestName));
    for (OptionSpec o : options) {
      if (o.hidden()) {
        continue;
      }
      s.append("complete -c ").append(name).append(guard);
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          s.append(" -l ").append(quote(n.substring(2)));
        } else if (n.startsWith("-") && n.length() == 2) {
          s.append(" -s ").append(quote(n.substring(1)));
        } else if (n.startsWith("-")) {
          s.append(" -o ").append(quote(n.substring(1)));
        }
      }
      if (o.arity().max() > 0 && !isBoolean(o)) {
        // -r alone would offer files after every option that takes a value (--format <TAB>
        // listed the directory): -x (a value, no files) unless the value is a file.
        String values = values(o);
        s.append(values.equals(" -F") ? " -r" : " -x").append(values);
      }
      s.append(describe(o.description())).append("\n");
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      String values = values(p);
      if (!values.isEmpty()) {
        s.append("complete -c ")
            .append(name)
            .append(guard)
            .append(values)
            .append(describe(p.description()))
            .append("\n");
      }
    }
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(cmd)) {
      emit(e.getValue(), name, path + " " + e.getValue().getCommandName(), at, s);
    }
  }

  /** What fish offers as an argument: the candidates, files, or nothing (free text). */
  private static String values(ArgSpec a) {
    Iterable<String> candidates = a.completionCandidates();
    if (candidates != null) {
      List<String> all = new ArrayList<>();
      candidates.forEach(c -> all.add(c));
      if (!all.isEmpty()) {
        return " -a " + quote(String.join(" ", all));
      }
    }
    Class<?> type = a.typeInfo().getType();
    if (File.class.isAssignableFrom(type) || Path.class.isAssignableFrom(type)) {
      return " -F";
    }
    return "";
  }

  private static boolean isBoolean(OptionSpec o) {
    Class<?> t = o.typeInfo().getType();
    Class<?> c = o.typeInfo().getAuxiliaryTypes()[0];
    return t == boolean.class || t == Boolean.class || c == boolean.class || c == Boolean.class;
  }

  private static List<Map.Entry<String, CommandLine>> visibleSubcommands(CommandLine cmd) {
    List<Map.Entry<String, CommandLine>> result = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      // getSubcommands() lists aliases too: keep each command once, under its own name.
      if (e.getKey().equals(sub.getCommandName())
          && !sub.getCommandSpec().usageMessage().hidden()) {
        result.add(e);
      }
    }
    return result;
  }

  private static List<String> names(CommandLine sub) {
    List<String> names = new ArrayList<>();
    names.add(sub.getCommandName());
    names.addAll(List.of(sub.getCommandSpec().aliases()));
    return names;
  }

  private static String describe(String[] description) {
    if (description == null || description.length == 0 || description[0].isBlank()) {
      return "";
    }
    String first = description[0].strip();
    int stop = first.indexOf(". ");
    if (stop > 0) {
      first = first.substring(0, stop + 1);
    }
    return " -d " + quote(first);
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
