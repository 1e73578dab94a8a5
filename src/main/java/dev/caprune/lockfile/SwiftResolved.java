package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * SwiftPM's Package.resolved: v1 {@code object.pins[]} with {@code package}, {@code repositoryURL}
 * and {@code state.version}; v2 and v3 {@code pins[]} with {@code identity}, {@code kind}, {@code
 * location} and {@code state.version}. A pin on a branch or a revision has no version and pins
 * nothing. A registry pin's identity is already {@code scope.name}; a source-control pin's scope
 * and name are the last two segments of its URL (see {@link Names#swiftFromUrl}).
 */
final class SwiftResolved {
  private SwiftResolved() {}

  static Lockfile read(Input in) throws LockfileException {
    JsonNode root = in.json();
    JsonNode pins = root.path("pins");
    if (!pins.isArray()) {
      pins = root.path("object").path("pins");
    }
    if (!root.isObject() || !pins.isArray()) {
      throw in.error("not a Package.resolved: no pins");
    }
    Set<Pin> out = new LinkedHashSet<>();
    for (JsonNode p : pins) {
      String version = Input.text(p.get("state"), "version");
      if (version == null) {
        continue;
      }
      String identity = Input.text(p, "identity");
      String kind = Input.text(p, "kind");
      if ("registry".equals(kind) && identity != null && identity.indexOf('.') > 0) {
        int dot = identity.indexOf('.');
        out.add(
            new Pin(
                Format.SWIFT, identity.substring(0, dot), identity.substring(dot + 1), version));
        continue;
      }
      if ("fileSystem".equals(kind) || "localSourceControl".equals(kind)) {
        continue;
      }
      String url = Input.text(p, "location");
      if (url == null) {
        url = Input.text(p, "repositoryURL");
      }
      NpmLocks.add(out, Names.swiftFromUrl(url, version));
    }
    String v = Input.text(root, "version");
    return in.result("Package.resolved" + (v == null ? "" : " v" + v), out);
  }

  static boolean looksLike(JsonNode root) {
    return root.path("pins").isArray() || root.path("object").path("pins").isArray();
  }
}
