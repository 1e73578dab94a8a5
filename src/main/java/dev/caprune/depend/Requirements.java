package dev.caprune.depend;

import dev.caprune.select.Format;
import java.util.List;
import java.util.Set;

/**
 * What a dependency's requirement, in its format's own syntax as {@code
 * ListPackageVersionDependencies} returns it, resolves to among a package's versions: the version a
 * fresh resolve by the format's client picks today.
 */
public final class Requirements {
  private Requirements() {}

  /**
   * @param format the dependent's (and so the dependency's) format
   * @param requirement the {@code versionRequirement} as listed (may be null or blank)
   * @param available the package's versions a client could install now (Published and Unlisted)
   */
  public static Resolution resolve(Format format, String requirement, List<String> available) {
    // Placeholder until the per-format resolvers land: an exact version protects itself, anything
    // else protects every version (fail closed).
    if (requirement != null && available.contains(requirement.strip())) {
      return new Resolution.Picks(Set.of(requirement.strip()));
    }
    return new Resolution.Unreadable("requirement not read yet");
  }
}
