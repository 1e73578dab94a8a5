package dev.caprune.lockfile;

import java.nio.file.Path;
import java.util.List;

/**
 * A lockfile or SBOM as read.
 *
 * @param path the file
 * @param kind what it was recognised as, e.g. {@code package-lock.json v3}
 * @param pins every package version it pins
 */
public record Lockfile(Path path, String kind, List<Pin> pins) {
  public Lockfile {
    pins = List.copyOf(pins);
  }
}
