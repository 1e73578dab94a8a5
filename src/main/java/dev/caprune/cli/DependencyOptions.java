package dev.caprune.cli;

import dev.caprune.depend.Protections;
import dev.caprune.lockfile.Lockfile;
import dev.caprune.lockfile.LockfileException;
import dev.caprune.lockfile.Lockfiles;
import dev.caprune.run.CapruneException;
import dev.caprune.select.BadFilter;
import dev.caprune.select.Matcher;
import dev.caprune.select.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a version that remains needs, and what a lockfile pins, is never selected: {@code
 * --protect-dependencies}, {@code --dependents-from}, {@code --protect-lockfile}. Part of the
 * filters of every selecting command.
 */
public final class DependencyOptions {
  @Option(
      names = "--protect-dependencies",
      description =
          "Never select a version that a version remaining after the run needs (its listed"
              + " dependencies, resolved as the format's client would; transitively).")
  boolean protectDependencies;

  @Option(
      names = "--dependents-from",
      paramLabel = "REPO",
      description =
          "With --protect-dependencies, every version of REPO (a name or glob in the same domain)"
              + " counts as a version that remains: e.g. the applications' repository"
              + " (repeatable).")
  List<String> dependentsFrom = new ArrayList<>();

  @Option(
      names = "--protect-lockfile",
      paramLabel = "FILE",
      description =
          "Never select a version FILE pins (package-lock.json, yarn.lock, poetry.lock, ...;"
              + " repeatable).")
  List<Path> lockfiles = new ArrayList<>();

  /** Read once: the lockfiles' pins. */
  private Protections protections;

  /** Whether any lockfile is given (--strict-protect then has something to check). */
  boolean anyLockfile() {
    return !lockfiles.isEmpty();
  }

  /**
   * The protections asked for, checked: a lockfile that cannot be read is a usage error naming it
   * (exit 2, no call made).
   */
  Protections protections(boolean strict) {
    if (protections != null) {
      return protections;
    }
    if (!dependentsFrom.isEmpty() && !protectDependencies) {
      throw CapruneException.usage("--dependents-from goes with --protect-dependencies");
    }
    List<Matcher> from = new ArrayList<>();
    for (String r : dependentsFrom) {
      try {
        from.add(Scope.repository(r));
      } catch (BadFilter e) {
        throw CapruneException.usage(
            e.getMessage().replaceFirst("^--repository", "--dependents-from"));
      }
    }
    List<Lockfile> read = new ArrayList<>();
    for (Path p : lockfiles) {
      try {
        read.add(Lockfiles.read(p));
      } catch (LockfileException e) {
        throw CapruneException.usage("--protect-lockfile: " + e.getMessage());
      }
    }
    protections = new Protections(protectDependencies, from, read, strict);
    return protections;
  }
}
