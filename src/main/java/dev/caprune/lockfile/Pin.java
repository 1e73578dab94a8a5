package dev.caprune.lockfile;

import dev.caprune.select.Format;

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

  /**
   * Whether this pin names that package version, comparing names and versions as the format does.
   */
  public boolean matches(Format f, String ns, String pkg, String ver) {
    return format == f
        && java.util.Objects.equals(namespace, ns)
        && f.sameName(name, pkg)
        && version.equals(ver);
  }
}
