package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * CycloneDX JSON and SPDX JSON: every package's purl (see {@link Purl}); purls of types
 * CodeArtifact does not store, and packages without one, pin nothing.
 */
final class Sboms {
  private Sboms() {}

  static boolean isCycloneDx(JsonNode root) {
    return "CycloneDX".equals(Input.text(root, "bomFormat"));
  }

  static boolean isSpdx(JsonNode root) {
    String v = Input.text(root, "spdxVersion");
    return v != null && v.startsWith("SPDX-");
  }

  /**
   * {@code components[]}, each component's nested {@code components[]} at any depth (walked with a
   * queue, not recursion), and {@code metadata.component}, the subject itself.
   */
  static Lockfile cycloneDx(Input in, JsonNode root) throws LockfileException {
    if (!isCycloneDx(root)) {
      throw in.error("not a CycloneDX SBOM: no \"bomFormat\": \"CycloneDX\"");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    Deque<JsonNode> queue = new ArrayDeque<>();
    JsonNode subject = root.path("metadata").path("component");
    if (subject.isObject()) {
      queue.add(subject);
    }
    PythonLocks.iterable(root.get("components")).forEach(queue::add);
    while (!queue.isEmpty()) {
      JsonNode c = queue.poll();
      if (!c.isObject()) {
        continue;
      }
      NpmLocks.add(pins, Purl.pin(Input.text(c, "purl")));
      PythonLocks.iterable(c.get("components")).forEach(queue::add);
    }
    String v = Input.text(root, "specVersion");
    return in.result("CycloneDX" + (v == null ? "" : " " + v), pins);
  }

  /** {@code packages[].externalRefs[]} whose {@code referenceType} is {@code purl}. */
  static Lockfile spdx(Input in, JsonNode root) throws LockfileException {
    if (!isSpdx(root)) {
      throw in.error("not an SPDX SBOM: no spdxVersion");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode p : PythonLocks.iterable(root.get("packages"))) {
      for (JsonNode ref : PythonLocks.iterable(p.get("externalRefs"))) {
        if ("purl".equals(Input.text(ref, "referenceType"))) {
          NpmLocks.add(pins, Purl.pin(Input.text(ref, "referenceLocator")));
        }
      }
    }
    return in.result(Input.text(root, "spdxVersion"), pins);
  }
}
