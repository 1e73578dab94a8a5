package dev.caprune.select;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to select, as the options said it. All filters are ANDed; an exclude always wins. Null or
 * empty members mean "no filter".
 */
public record Criteria(
    Format format,
    Matcher namespace,
    List<PackagePattern> packages,
    List<PackagePattern> excludePackages,
    List<Matcher> versions,
    List<Matcher> excludeVersions,
    Set<VersionStatus> statuses,
    Origin origin) {

  public Criteria {
    packages = List.copyOf(packages);
    excludePackages = List.copyOf(excludePackages);
    versions = List.copyOf(versions);
    excludeVersions = List.copyOf(excludeVersions);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
  }

  /** No filter at all: everything in the repository. */
  public static Criteria everything() {
    return new Criteria(null, null, List.of(), List.of(), List.of(), List.of(), Set.of(), null);
  }

  /** Whether any filter narrows the selection (a delete with none needs {@code --all}). */
  public boolean narrows() {
    return format != null
        || namespace != null
        || !packages.isEmpty()
        || !excludePackages.isEmpty()
        || !versions.isEmpty()
        || !excludeVersions.isEmpty()
        || !statuses.isEmpty()
        || origin != null;
  }

  /** Whether a package can hold selected versions, judged by its name alone. */
  public boolean matchesPackage(PackageId pkg) {
    if (format != null && pkg.format() != format) {
      return false;
    }
    if (namespace != null && (pkg.namespace() == null || !namespace.matches(pkg.namespace()))) {
      return false;
    }
    if (!packages.isEmpty() && packages.stream().noneMatch(p -> p.matches(pkg))) {
      return false;
    }
    return excludePackages.stream().noneMatch(p -> p.matches(pkg));
  }

  /** The namespace prefix ListPackages can filter on, or null. */
  public String serverNamespacePrefix() {
    if (namespace != null) {
      return emptyToNull(namespace.literalPrefix());
    }
    if (!packages.isEmpty() && packages.stream().allMatch(p -> p.namespace() != null)) {
      return emptyToNull(
          commonPrefix(packages.stream().map(p -> p.namespace().literalPrefix()).toList()));
    }
    return null;
  }

  /** The package-name prefix ListPackages can filter on, or null. */
  public String serverPackagePrefix() {
    if (packages.isEmpty()) {
      return null;
    }
    return emptyToNull(commonPrefix(packages.stream().map(p -> p.name().literalPrefix()).toList()));
  }

  /** The one status ListPackageVersions can filter on, or null when zero or several are asked. */
  public VersionStatus serverStatus() {
    return statuses.size() == 1 ? statuses.iterator().next() : null;
  }

  private static String commonPrefix(List<String> all) {
    String prefix = all.get(0);
    for (String s : all) {
      int n = 0;
      while (n < prefix.length() && n < s.length() && prefix.charAt(n) == s.charAt(n)) {
        n++;
      }
      prefix = prefix.substring(0, n);
    }
    return prefix;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Builds criteria step by step from options. */
  public static final class Builder {
    private Format format;
    private Matcher namespace;
    private final List<PackagePattern> packages = new ArrayList<>();
    private final List<PackagePattern> excludePackages = new ArrayList<>();
    private final List<Matcher> versions = new ArrayList<>();
    private final List<Matcher> excludeVersions = new ArrayList<>();
    private final Set<VersionStatus> statuses = EnumSet.noneOf(VersionStatus.class);
    private Origin origin;

    public Builder format(Format f) {
      this.format = f;
      return this;
    }

    public Builder namespace(Matcher m) {
      this.namespace = m;
      return this;
    }

    public Builder includePackage(PackagePattern p) {
      packages.add(p);
      return this;
    }

    public Builder excludePackage(PackagePattern p) {
      excludePackages.add(p);
      return this;
    }

    public Builder includeVersion(Matcher m) {
      versions.add(m);
      return this;
    }

    public Builder excludeVersion(Matcher m) {
      excludeVersions.add(m);
      return this;
    }

    public Builder status(VersionStatus s) {
      statuses.add(s);
      return this;
    }

    public Builder origin(Origin o) {
      this.origin = o;
      return this;
    }

    public Criteria build() {
      return new Criteria(
          format,
          namespace,
          packages,
          excludePackages,
          versions,
          excludeVersions,
          statuses,
          origin);
    }
  }
}
