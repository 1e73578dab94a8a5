package dev.caprune.select;

/**
 * A package as users write it: {@code name}, {@code namespace/name} or npm's {@code @scope/name},
 * each part a glob. The {@code @} of an npm scope is never part of the namespace.
 *
 * @param namespace the namespace glob, or null when the pattern names none (any namespace)
 * @param name the package-name glob
 */
public record PackagePattern(Matcher namespace, Matcher name) {

  /**
   * @throws IllegalArgumentException when the text is not {@code [namespace/]name} or {@code
   *     @scope/name}, or a part breaks CodeArtifact's naming rules (no '#', '/', spaces, control or
   *     invisible characters; at most 255 characters)
   */
  public static PackagePattern parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty package pattern");
    }
    int slash = text.lastIndexOf('/');
    if (slash < 0) {
      if (text.startsWith("@")) {
        throw new IllegalArgumentException(
            "package " + Names.quote(text) + " has an npm scope but no name: write @scope/name");
      }
      Names.checkGlob("package name", text);
      return new PackagePattern(null, Matcher.glob(text));
    }
    String ns = text.substring(0, slash);
    String name = text.substring(slash + 1);
    if (ns.startsWith("@")) {
      ns = ns.substring(1);
    }
    if (ns.isEmpty() || name.isEmpty() || ns.contains("/")) {
      throw new IllegalArgumentException(
          "package " + Names.quote(text) + " is not [namespace/]name or @scope/name");
    }
    Names.checkGlob("namespace", ns);
    Names.checkGlob("package name", name);
    return new PackagePattern(Matcher.glob(ns), Matcher.glob(name));
  }

  public boolean matches(PackageId pkg) {
    if (namespace != null && (pkg.namespace() == null || !namespace.matches(pkg.namespace()))) {
      return false;
    }
    return name.matches(pkg.name());
  }

  /** As the user wrote it. */
  public String source() {
    return namespace == null ? name.source() : namespace.source() + "/" + name.source();
  }
}
