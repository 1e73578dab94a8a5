package dev.caprune.cli;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.execute.Stop;
import java.io.PrintWriter;
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

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("caprune: " + oneLine(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
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
    } else if (ex instanceof Stop.StoppedException) {
      code = ExitCodes.INTERRUPTED;
      message = "interrupted";
    } else if (ex instanceof GatewayException g) {
      code = exitCode(g.kind());
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
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Input the user can fix (names, region, credentials) is 2; the service failing is 1. */
  static int exitCode(GatewayException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND, VALIDATION, CONFIGURATION -> ExitCodes.USAGE;
      default -> ExitCodes.RUNTIME;
    };
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replace('\n', ' ');
  }
}
