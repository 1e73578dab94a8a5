package dev.caprune.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Runs the parsed command. Help and version requests are answered before logging is configured, so
 * {@code --help}, {@code --version} and usage errors never load Log4j or the AWS SDK.
 */
final class Startup implements IExecutionStrategy {
  private final Caprune top;

  Startup(Caprune top) {
    this.top = top;
  }

  @Override
  public int execute(ParseResult parseResult) {
    Integer help = CommandLine.executeHelpRequest(parseResult);
    if (help != null) {
      return help;
    }
    if (needsLogging(parseResult)) {
      Logging.configure(top.logging().verbosity(), top.logging().quiet());
    }
    return new RunLast().execute(parseResult);
  }

  private static boolean needsLogging(ParseResult pr) {
    Object leaf = pr.asCommandLineList().get(pr.asCommandLineList().size() - 1).getCommand();
    return !(leaf instanceof NoLogging);
  }

  /** Marks commands that only print text (completion scripts...) and never log. */
  interface NoLogging {}
}
