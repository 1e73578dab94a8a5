package dev.caprune.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Runs the parsed command: help and version requests are answered first; every other run sets the
 * log levels {@code -v}/{@code -q} ask for, then runs the command.
 */
final class Execution implements IExecutionStrategy {
  private final Caprune top;

  Execution(Caprune top) {
    this.top = top;
  }

  @Override
  public int execute(ParseResult parseResult) {
    Integer help = CommandLine.executeHelpRequest(parseResult);
    if (help != null) {
      return help;
    }
    top.logging().apply();
    return new RunLast().execute(parseResult);
  }
}
