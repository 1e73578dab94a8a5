package dev.caprune.cli;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Stop;
import dev.caprune.logging.Redaction;
import dev.caprune.policy.PolicyException;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code. Stack traces only with {@code -v}.
 */
final class ExceptionHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Caprune top;

  ExceptionHandler(Caprune top) {
    this.top = top;
  }

  /**
   * picocli's suggestions that are near what was typed: a typo or two away (for {@code delet}:
   * {@code delete}, not {@code completion}).
   */
  static List<String> near(CommandLine.UnmatchedArgumentException u) {
    List<String> unmatched = u.getUnmatched();
    if (unmatched.isEmpty()) {
      return u.getSuggestions();
    }
    String typed = unmatched.get(0).replaceFirst("^-+", "").split("=", 2)[0];
    int allowed = Math.max(2, typed.length() / 3);
    return u.getSuggestions().stream()
        .filter(s -> distance(typed, s.replaceFirst("^-+", "")) <= allowed)
        .toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    return dev.caprune.select.Names.distance(a, b);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = cutQuoted(ex.getMessage());
    List<String> suggestions =
        ex instanceof CommandLine.UnmatchedArgumentException u ? near(u) : List.of();
    if (!suggestions.isEmpty()) {
      // One line: the suggestions go on the error's line, not on one of their own.
      message +=
          " (did you mean: "
              + String.join(", ", suggestions.subList(0, Math.min(3, suggestions.size())))
              + "?)";
    }
    err.println("caprune: " + oneLine(message));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code;
    String message;
    if (ex instanceof CapruneException c) {
      code = c.exitCode();
      message = c.getMessage();
    } else if (ex instanceof PolicyException p) {
      code = ExitCodes.USAGE; // the file's place and field are in the message
      message = p.getMessage();
    } else if (ex instanceof Stop.StoppedException) {
      code = ExitCodes.INTERRUPTED;
      message = "interrupted";
    } else if (ex instanceof GatewayException g) {
      code = ExitCodes.of(g.kind());
      message = g.getMessage();
    } else if (ex instanceof ParameterException p) {
      return handleParseException(p, new String[0]);
    } else {
      code = ExitCodes.RUNTIME;
      message =
          "internal error: "
              + ex
              + (top.logging().verbosity() > 0 ? "" : " (run with -v for details)");
    }
    err.println("caprune: " + oneLine(message));
    if (top.logging().verbosity() > 0) {
      // Exception messages may hold what a service sent: each line made safe like the rest.
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      trace.toString().lines().forEach(line -> err.println(Redaction.cleanTraceLine(line)));
    }
    err.flush();
    return code;
  }

  /**
   * One line on a terminal, whatever the message holds: credentials masked, line breaks and every
   * control, escape or bidi character escaped ({@link Redaction#clean}).
   */
  static String oneLine(String s) {
    return s == null ? "" : Redaction.clean(s.strip());
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']{81,})'");

  /** Long quoted values in picocli's messages are cut: a 2,000-character argument is not echoed. */
  static String cutQuoted(String message) {
    if (message == null) {
      return "";
    }
    Matcher m = QUOTED.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement("'" + m.group(1).substring(0, 77) + "...'"));
    }
    return m.appendTail(b).toString();
  }
}
