package dev.caprune.select;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The package formats CodeArtifact knows, with their wire names. */
public enum Format {
  NPM("npm"),
  PYPI("pypi"),
  MAVEN("maven"),
  NUGET("nuget"),
  GENERIC("generic"),
  RUBY("ruby"),
  SWIFT("swift"),
  CARGO("cargo");

  private final String wire;

  Format(String wire) {
    this.wire = wire;
  }

  /** The name on the wire and on the command line, e.g. {@code npm}. */
  public String wire() {
    return wire;
  }

  /** Whether packages of this format have a namespace the API requires (Maven groupId...). */
  public boolean namespaceRequired() {
    return this == MAVEN || this == SWIFT || this == GENERIC;
  }

  /** Whether the format has namespaces at all (npm scopes, Maven groupIds, ...). */
  public boolean hasNamespace() {
    return this == NPM || namespaceRequired();
  }

  /**
   * Whether two package names are one package as this format compares names: PyPI by its normalized
   * name (PEP 503: case and runs of {@code -_.} do not matter), NuGet ignoring case, the others
   * exactly. A listing asked for by a name as the user wrote it may come back under the name the
   * repository stores.
   */
  public boolean sameName(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return switch (this) {
      case PYPI -> pep503(a).equals(pep503(b));
      case NUGET -> a.equalsIgnoreCase(b);
      default -> a.equals(b);
    };
  }

  private static String pep503(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  public static Optional<Format> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String lower = s.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.wire.equals(lower)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
