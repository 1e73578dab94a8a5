package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Cargo.lock: {@code [[package]]} with {@code name}, {@code version} and {@code source}; only
 * packages from a registry ({@code registry+...} or {@code sparse+...}) are pinned: the workspace's
 * own crates have no source, and {@code git+...} or path crates are not in any registry.
 */
final class CargoLock {
  private CargoLock() {}

  static Lockfile read(Input in) throws LockfileException {
    JsonNode root = in.toml();
    JsonNode packages = root.get("package");
    if (packages == null && root.get("version") == null) {
      throw in.error("not a Cargo.lock: no [[package]]");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode p : PythonLocks.iterable(packages)) {
      String source = Input.text(p, "source");
      String name = Input.text(p, "name");
      String version = Input.text(p, "version");
      if (source == null || name == null || version == null) {
        continue;
      }
      if (source.startsWith("registry+") || source.startsWith("sparse+")) {
        pins.add(new Pin(Format.CARGO, null, name, version));
      }
    }
    String v = Input.text(root, "version");
    return in.result("Cargo.lock" + (v == null ? "" : " v" + v), pins);
  }
}
