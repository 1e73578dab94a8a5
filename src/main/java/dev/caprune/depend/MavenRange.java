package dev.caprune.depend;

import dev.caprune.select.Format;
import dev.caprune.select.order.VersionOrder;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.apache.maven.artifact.versioning.VersionRange;

/**
 * Maven's version requirements as {@code VersionRange} reads them: a range ({@code [1.0,2.0)},
 * {@code [1.0]}, unions) picks the highest version in it by Maven's order; a bare version is a soft
 * requirement, which resolves to exactly that version.
 */
final class MavenRange {

  private MavenRange() {}

  /** A bare version: no spaces, brackets, commas or property placeholders. */
  private static final Pattern SOFT = Pattern.compile("[A-Za-z0-9._+-]+");

  /** What a Maven requirement picks; {@code requirement} is stripped, never null. */
  static Resolution resolve(String requirement, List<String> available) {
    if (requirement.isEmpty()) {
      return new Resolution.Unreadable("no version requirement");
    }
    if (requirement.contains("${")) {
      return new Resolution.Unreadable("a property placeholder, not a Maven version or range");
    }
    if (requirement.equals("LATEST") || requirement.equals("RELEASE")) {
      return new Resolution.Unreadable("a Maven meta-version, not a version or range");
    }
    char first = requirement.charAt(0);
    if (first != '[' && first != '(') {
      if (!SOFT.matcher(requirement).matches()) {
        return new Resolution.Unreadable("not a Maven version or range");
      }
      return new Resolution.Picks(available.contains(requirement) ? Set.of(requirement) : Set.of());
    }
    VersionRange range;
    try {
      range = VersionRange.createFromVersionSpec(requirement);
    } catch (InvalidVersionSpecificationException | RuntimeException e) {
      return new Resolution.Unreadable("not a Maven version or range");
    }
    VersionOrder order = VersionOrder.of(Format.MAVEN);
    List<Pick.Candidate<String>> candidates = Pick.parse(available, v -> v);
    return new Resolution.Picks(
        Pick.best(
            candidates,
            v -> range.containsVersion(new DefaultArtifactVersion(v)),
            order::precedence,
            true));
  }
}
