package dev.caprune.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child processes that a test will send SIGINT to.
 *
 * <p>A shell without job control (a build started as {@code nohup mvn verify &}, a CI runner)
 * starts background jobs with SIGINT ignored, and an ignored signal stays ignored across {@code
 * exec}: the JVM then installs no handler for it, and caprune never sees the signal. The child is
 * therefore started through {@code env --default-signal=INT} (GNU coreutils 8.31 and later), which
 * puts the default disposition back before it runs the command; {@code env} execs it, so the
 * child's pid is the command's own.
 */
public final class Children {
  private Children() {}

  /** The JVM that runs the tests, to start {@code java -jar} children with. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The command, to be run with SIGINT at its default disposition whatever the parent's. */
  public static List<String> withDefaultSigint(List<String> command) {
    List<String> out = new ArrayList<>(List.of("env", "--default-signal=INT"));
    out.addAll(command);
    return out;
  }

  /** The same as a shell word prefix, for a command line given to a shell. */
  public static String defaultSigintPrefix() {
    return "env --default-signal=INT ";
  }
}
