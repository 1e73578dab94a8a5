package dev.caprune.cli;

import dev.caprune.codeartifact.GatewayFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command needs from the world, injected so that tests pass the sandbox, a fixed clock and a
 * scripted terminal.
 *
 * @param clock "now" for age filters and plan times
 * @param gateways opens a CodeArtifact gateway for the resolved AWS settings
 * @param terminal whether stderr/stdin are an interactive terminal, and how to read an answer
 * @param env the process environment (read for defaults such as {@code NO_COLOR})
 * @param stdin standard input, for an input read from {@code -} ({@code --event -})
 */
public record CliContext(
    Clock clock,
    GatewayFactory gateways,
    Terminal terminal,
    Map<String, String> env,
    java.io.InputStream stdin) {

  /** With nothing on standard input. */
  public CliContext(
      Clock clock, GatewayFactory gateways, Terminal terminal, Map<String, String> env) {
    this(clock, gateways, terminal, env, java.io.InputStream.nullInputStream());
  }

  /**
   * The terminal, if any.
   *
   * @param interactive a person can be asked (stdin and stderr are a terminal)
   * @param progress stderr is a terminal: a progress bar may be drawn there
   * @param readLine reads one answer
   * @param stdout stdout is a terminal: a person reads the report there (big runs are summed up)
   */
  public record Terminal(
      boolean interactive, boolean progress, Supplier<String> readLine, boolean stdout) {
    public Terminal(boolean interactive, Supplier<String> readLine) {
      this(interactive, false, readLine);
    }

    /** stdout not a terminal (a file, a pipe, a test's buffer). */
    public Terminal(boolean interactive, boolean progress, Supplier<String> readLine) {
      this(interactive, progress, readLine, false);
    }

    public static Terminal none() {
      return new Terminal(false, false, () -> null);
    }
  }

  /**
   * The real world: system clock, the AWS SDK, the process's console. A null System.console() means
   * no terminal on the JDKs caprune runs on (17, and 25 checked); the descriptors are asked too.
   */
  @SuppressWarnings("SystemConsoleNull")
  public static CliContext system() {
    boolean stderrTerminal = isTerminal(2);
    boolean interactive = System.console() != null || (stderrTerminal && isTerminal(0));
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Supplier<String> reader =
        () -> {
          try {
            return stdin.readLine();
          } catch (java.io.IOException e) {
            return null;
          }
        };
    Map<String, String> env = System.getenv();
    // The lambda defers loading the SDK-backed factory until a command really talks to AWS.
    GatewayFactory sdk =
        (settings, guard) -> dev.caprune.codeartifact.SdkGateways.open(settings, env, guard);
    return new CliContext(
        Clock.systemUTC(),
        sdk,
        new Terminal(
            interactive, stderrTerminal || System.console() != null, reader, isTerminal(1)),
        env,
        System.in);
  }

  /** Whether file descriptor {@code fd} is a terminal (Linux /proc; elsewhere: unknown = no). */
  private static boolean isTerminal(int fd) {
    try {
      String target =
          java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd))
              .toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  public CliContext withGateways(GatewayFactory g) {
    return new CliContext(clock, g, terminal, env, stdin);
  }

  public CliContext withClock(Clock c) {
    return new CliContext(c, gateways, terminal, env, stdin);
  }

  public CliContext withTerminal(Terminal t) {
    return new CliContext(clock, gateways, t, env, stdin);
  }

  public CliContext withStdin(java.io.InputStream in) {
    return new CliContext(clock, gateways, terminal, env, in);
  }
}
