package dev.caprune.select;

/**
 * A package as the API names it: format, namespace (null where the format has none or the package
 * has no scope) and name. The npm namespace is the scope without the {@code @}.
 */
public record PackageId(Format format, String namespace, String name) {
  /** How users write it: {@code @scope/name} for npm, {@code group/name} elsewhere. */
  public String display() {
    if (namespace == null || namespace.isEmpty()) {
      return name;
    }
    return format == Format.NPM ? "@" + namespace + "/" + name : namespace + "/" + name;
  }

  @Override
  public String toString() {
    return format.wire() + ":" + display();
  }
}
