package dev.caprune.depend;

import dev.caprune.select.Format;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a dependency's requirement, in its format's own syntax as {@code
 * ListPackageVersionDependencies} returns it, resolves to among a package's versions: the version a
 * fresh resolve by the format's client picks today.
 *
 * <p>Each format follows its client: npm (node-semver), Maven ({@code VersionRange}), PyPI (PEP
 * 440, as pip filters), NuGet (lowest applicable, floats highest), RubyGems ({@code
 * Gem::Requirement}), Cargo (the {@code semver} crate), Swift (SwiftPM's manifest forms), generic
 * (the exact version). What caprune cannot read is {@link Resolution.Unreadable}: it protects every
 * version of the package.
 */
public final class Requirements {

  /** A longer requirement is not read at all: no regex runs over hostile input. */
  static final int MAX_LENGTH = 1024;

  private Requirements() {}

  /**
   * @param format the dependent's (and so the dependency's) format
   * @param requirement the {@code versionRequirement} as listed (may be null or blank)
   * @param available the package's versions a client could install now (Published and Unlisted)
   */
  public static Resolution resolve(Format format, String requirement, List<String> available) {
    Objects.requireNonNull(format, "format");
    List<String> versions = available == null ? List.of() : available;
    if (requirement != null && requirement.length() > MAX_LENGTH) {
      return new Resolution.Unreadable("longer than " + MAX_LENGTH + " characters");
    }
    String req = requirement == null ? "" : requirement.strip();
    return switch (format) {
      case NPM -> NpmRange.resolve(req, versions);
      case MAVEN -> MavenRange.resolve(req, versions);
      case PYPI -> PypiSpecifier.resolve(req, versions);
      case NUGET -> NugetRange.resolve(req, versions);
      case RUBY -> GemRequirement.resolve(req, versions);
      case CARGO -> CargoRequirement.resolve(req, versions);
      case SWIFT -> SwiftRequirement.resolve(req, versions);
      case GENERIC -> generic(req, versions);
    };
  }

  /** A generic requirement can only name one version exactly. */
  private static Resolution generic(String requirement, List<String> available) {
    if (requirement.isEmpty()) {
      return new Resolution.Unreadable("no version requirement");
    }
    if (available.contains(requirement)) {
      return new Resolution.Picks(Set.of(requirement));
    }
    if (requirement
        .chars()
        .anyMatch(c -> Character.isWhitespace(c) || "<>=^~*,|[]()".indexOf(c) >= 0)) {
      return new Resolution.Unreadable("not a generic version (only an exact version is read)");
    }
    return new Resolution.Picks(Set.of());
  }
}
