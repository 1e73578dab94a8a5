package dev.caprune.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Decides, per package, which listed versions the criteria select. Pure: no I/O. */
public final class Selector {
  private final Criteria criteria;

  public Selector(Criteria criteria) {
    this.criteria = criteria;
  }

  /**
   * @param listed the package's versions as listed (any order)
   * @return one decision per listed version, oldest first by the format's version order
   */
  public PackageSelection select(
      RepositoryRef repo,
      PackageId pkg,
      String defaultDisplayVersion,
      List<VersionSummary> listed) {
    List<VersionSummary> ordered = new ArrayList<>(listed);
    ordered.sort(Comparator.comparing(VersionSummary::version, displayOrder(pkg.format())));
    List<Decision> decisions = new ArrayList<>(ordered.size());
    for (VersionSummary v : ordered) {
      String excludedBy = excludedBy(v);
      decisions.add(
          excludedBy == null
              ? new Decision(v, true, "selected")
              : new Decision(v, false, excludedBy));
    }
    return new PackageSelection(repo, pkg, defaultDisplayVersion, decisions);
  }

  /** The first filter that rejects the version, in words; null when every filter passes. */
  private String excludedBy(VersionSummary v) {
    if (!criteria.statuses().isEmpty() && !criteria.statuses().contains(v.status())) {
      return "status " + v.status() + " not asked for (--status)";
    }
    if (criteria.origin() != null && v.origin() != criteria.origin()) {
      return "origin " + v.origin() + " not asked for (--origin)";
    }
    if (!criteria.versions().isEmpty()
        && criteria.versions().stream().noneMatch(m -> m.matches(v.version()))) {
      return "no --version pattern matches";
    }
    for (Matcher m : criteria.excludeVersions()) {
      if (m.matches(v.version())) {
        return "excluded by --exclude-version '" + m.source() + "'";
      }
    }
    return null;
  }

  static Comparator<String> displayOrder(Format format) {
    return Comparator.naturalOrder();
  }
}
