package dev.caprune.startup;

import dev.caprune.cli.Caprune;
import java.util.List;

/**
 * Which of caprune's commands a run needs, read from its raw arguments before picocli parses them:
 * picocli then builds the model of those commands only (all ten cost {@code --version} 164 ms), and
 * {@link Startup} knows whether the run calls AWS. It guesses nothing else: every argument is still
 * parsed by picocli, against a model that holds the command named.
 */
public final class Preselection {
  /** {@code completion} prints the whole model; {@code sandbox} serves, it calls no AWS. */
  private static final Class<?> COMPLETION = Caprune.COMMANDS.get("completion");

  private static final Class<?> SANDBOX = Caprune.COMMANDS.get("sandbox");

  /** {@code help COMMAND} needs the model of the command it names. */
  private static final Class<?> HELP = Caprune.COMMANDS.get("help");

  private Preselection() {}

  /**
   * The subcommands a run with {@code args} needs: none for {@code --version}; the one it names,
   * after nothing but top-level logging flags (which take no value); else all of them, for
   * top-level help, a missing or mistyped command (whose error lists or suggests the right one),
   * and {@code completion}, which prints the whole model; {@code help COMMAND} needs both.
   */
  public static List<Class<?>> needed(String... args) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--version") || arg.equals("-V")) {
        version = true;
      } else if (!isLoggingFlag(arg)) {
        Class<?> named = arg.startsWith("-") || version ? null : Caprune.COMMANDS.get(arg);
        if (named == HELP) {
          return helped(args, i + 1);
        }
        return named == null || named == COMPLETION
            ? List.copyOf(Caprune.COMMANDS.values())
            : List.of(named);
      }
    }
    return version ? List.of() : List.copyOf(Caprune.COMMANDS.values());
  }

  /**
   * {@code help COMMAND...}: {@code help} and the command it names (first after {@code from});
   * every command for {@code help} alone (the list) or a name that is none (the error).
   */
  private static List<Class<?>> helped(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      if (!args[i].startsWith("-")) {
        Class<?> named = Caprune.COMMANDS.get(args[i]);
        return named == null || named == HELP
            ? List.copyOf(Caprune.COMMANDS.values())
            : List.of(HELP, named);
      }
    }
    return List.copyOf(Caprune.COMMANDS.values());
  }

  /** True for a run of one command that calls AWS (not {@code sandbox}, not help or a typo). */
  public static boolean callsAws(List<Class<?>> commands) {
    return commands.size() == 1 && commands.get(0) != SANDBOX;
  }

  /** {@code --verbose}, {@code --quiet}, or {@code -v}/{@code -q} alone or clustered. */
  private static boolean isLoggingFlag(String arg) {
    if (arg.equals("--verbose") || arg.equals("--quiet")) {
      return true;
    }
    if (arg.length() < 2 || arg.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < arg.length(); i++) {
      if (arg.charAt(i) != 'v' && arg.charAt(i) != 'q') {
        return false;
      }
    }
    return true;
  }
}
