package dev.caprune.lockfile;

import dev.caprune.select.Format;
import dev.caprune.select.order.VersionOrder;
import java.util.Objects;

/**
 * One package version a lockfile or SBOM pins, in CodeArtifact's terms.
 *
 * @param format the package format
 * @param namespace the namespace as CodeArtifact stores it (npm scope without {@code @}, Maven
 *     groupId, Swift scope), or null when the package has none
 * @param name the package name
 * @param version the pinned version as written
 */
public record Pin(Format format, String namespace, String name, String version) {
  public Pin {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Whether this pin names that package version, comparing names and versions as the format does:
   * PyPI names by PEP 503 and versions by PEP 440 ({@code 1.0} is {@code 1.0.0}); NuGet ids and
   * versions without regard to case, and {@code 1.0}, {@code 1.0.0} and {@code 1.0.0.0} alike;
   * Swift scopes and names without regard to case (Swift registry identities ignore it); npm,
   * Maven, Cargo, Ruby and generic exactly.
   */
  public boolean matches(Format f, String ns, String pkg, String ver) {
    if (format != f || pkg == null || ver == null) {
      return false;
    }
    return switch (f) {
      case PYPI, NUGET -> f.sameName(name, pkg) && sameVersion(f, version, ver);
      case SWIFT ->
          namespace != null
              && namespace.equalsIgnoreCase(ns)
              && name.equalsIgnoreCase(pkg)
              && version.equals(ver);
      default -> Objects.equals(namespace, ns) && name.equals(pkg) && version.equals(ver);
    };
  }

  /** Equal by the format's rules when both parse; otherwise only the same text is the same. */
  private static boolean sameVersion(Format f, String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    VersionOrder order = VersionOrder.of(f);
    return order.parses(a) && order.parses(b) && order.precedence(a, b) == 0;
  }
}
