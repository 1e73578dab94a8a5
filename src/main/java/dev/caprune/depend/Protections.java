package dev.caprune.depend;

import dev.caprune.lockfile.Lockfile;
import dev.caprune.select.Matcher;
import java.util.List;

/**
 * What holds versions back because something else needs them: {@code --protect-dependencies} (with
 * {@code --dependents-from}) and {@code --protect-lockfile}, or a policy's {@code
 * protectDependencies}, {@code dependentsFrom} and {@code protectLockfiles}.
 *
 * @param dependencies whether a version that remains protects what it needs
 * @param dependentsFrom repositories (names or globs, in the run's domain) whose every version is a
 *     dependent too, though the run changes none of them
 * @param lockfiles the lockfiles read, whose every pin is protected
 * @param strict whether a pin that matches no version of the run is an error (exit 2) rather than a
 *     warning
 */
public record Protections(
    boolean dependencies, List<Matcher> dependentsFrom, List<Lockfile> lockfiles, boolean strict) {

  /** Nothing protected this way. */
  public static final Protections NONE = new Protections(false, List.of(), List.of(), false);

  public Protections {
    dependentsFrom = List.copyOf(dependentsFrom);
    lockfiles = List.copyOf(lockfiles);
  }

  /** Whether anything is protected this way (then the run lists the repositories whole). */
  public boolean on() {
    return dependencies || !lockfiles.isEmpty();
  }
}
