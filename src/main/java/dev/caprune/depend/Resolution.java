package dev.caprune.depend;

import java.util.Set;

/** What one dependency's requirement protects among its package's versions. */
public sealed interface Resolution {

  /**
   * The versions a fresh resolve by the format's own client picks today (usually one; none when
   * nothing satisfies the requirement).
   */
  record Picks(Set<String> versions) implements Resolution {
    public Picks {
      versions = Set.copyOf(versions);
    }
  }

  /**
   * caprune cannot read the requirement: it protects every version of the package.
   *
   * @param why one line for the warning, e.g. {@code "not a node-semver range"}
   */
  record Unreadable(String why) implements Resolution {}
}
