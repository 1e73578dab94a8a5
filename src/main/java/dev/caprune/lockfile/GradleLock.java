package dev.caprune.lockfile;

import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * gradle.lockfile: one {@code group:artifact:version=configuration,...} line per module, {@code #}
 * comments and an {@code empty=...} line; the older per-configuration files hold {@code
 * group:artifact:version} lines without {@code =}.
 */
final class GradleLock {
  private GradleLock() {}

  static Lockfile read(Input in) throws LockfileException {
    Set<Pin> pins = new LinkedHashSet<>();
    int lineNo = 0;
    for (String raw : in.text.split("\r?\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
        continue;
      }
      Pin pin = module(line);
      if (pin == null) {
        throw in.error("not a gradle.lockfile: line " + lineNo + " is not group:artifact:version");
      }
      pins.add(pin);
    }
    return in.result("gradle.lockfile", pins);
  }

  static Pin module(String line) {
    int eq = line.indexOf('=');
    String coordinates = eq < 0 ? line : line.substring(0, eq);
    String[] parts = coordinates.split(":", -1);
    if (parts.length != 3) {
      return null;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace)) {
        return null;
      }
    }
    return new Pin(Format.MAVEN, parts[0], parts[1], parts[2]);
  }
}
