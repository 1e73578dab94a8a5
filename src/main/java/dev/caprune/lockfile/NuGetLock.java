package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * NuGet's packages.lock.json: {@code dependencies} maps each target framework to package ids, each
 * with its {@code resolved} version. Entries of {@code "type": "Project"} are the solution's own
 * projects, not packages, and are skipped.
 */
final class NuGetLock {
  private NuGetLock() {}

  static Lockfile read(Input in) throws LockfileException {
    JsonNode root = in.json();
    JsonNode frameworks = root.get("dependencies");
    if (!root.isObject() || frameworks == null || !frameworks.isObject()) {
      throw in.error("not a packages.lock.json: no dependencies");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode framework : frameworks) {
      if (!framework.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : framework.properties()) {
        JsonNode entry = e.getValue();
        String version = Input.text(entry, "resolved");
        if ("Project".equalsIgnoreCase(Input.text(entry, "type")) || version == null) {
          continue;
        }
        pins.add(new Pin(Format.NUGET, null, e.getKey(), version));
      }
    }
    String v = Input.text(root, "version");
    return in.result("packages.lock.json" + (v == null ? "" : " v" + v), pins);
  }

  /** Recognition by content: a top-level version and framework maps of packages. */
  static boolean looksLike(JsonNode root) {
    JsonNode frameworks = root.get("dependencies");
    if (!root.has("version") || frameworks == null || !frameworks.isObject()) {
      return false;
    }
    for (JsonNode framework : frameworks) {
      for (JsonNode entry : framework) {
        return entry.has("type") || entry.has("resolved");
      }
    }
    return frameworks.isEmpty();
  }
}
