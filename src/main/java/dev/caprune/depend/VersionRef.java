package dev.caprune.depend;

import dev.caprune.select.Format;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;

/** One version of one package in one repository. */
public record VersionRef(RepositoryRef repository, PackageId pkg, String version) {

  /** As people write it: {@code com.acme:service 5.0}, {@code @acme/ui 1.2.0}, {@code util 1.0}. */
  public String display() {
    return name(pkg) + " " + version;
  }

  /** A package as its format's users write it: Maven's {@code group:artifact}, else as listed. */
  public static String name(PackageId pkg) {
    if (pkg.format() == Format.MAVEN && pkg.namespace() != null && !pkg.namespace().isEmpty()) {
      return pkg.namespace() + ":" + pkg.name();
    }
    return pkg.display();
  }
}
