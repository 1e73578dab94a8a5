package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caprune.select.Format;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** requirements.txt, poetry.lock, Pipfile.lock, uv.lock and pylock.toml (PEP 751). */
final class PythonLocks {
  private PythonLocks() {}

  private static final Pattern EXACT = Pattern.compile("\\s*===?\\s*(?<version>[^\\s,*]+)\\s*");

  /**
   * pip's requirements format: only {@code ==} and {@code ===} pins pin (a wildcard {@code ==1.*}
   * or a range does not). Comments, {@code \} continuations, per-requirement options such as {@code
   * --hash} and every option line ({@code -r}, {@code -c}, {@code -e}, {@code --index-url}) are
   * ignored; environment markers do not matter (the pin holds on every platform).
   */
  static Lockfile requirements(Input in) {
    Set<Pin> pins = new LinkedHashSet<>();
    for (String line : logicalLines(in.text)) {
      Pin pin = requirement(line);
      if (pin != null) {
        pins.add(pin);
      }
    }
    return in.result("requirements.txt", pins);
  }

  /** Whether a line of a requirements file is a pin (for recognition by content). */
  static boolean isPinLine(String line) {
    return requirement(line) != null;
  }

  /** Lines joined at a trailing backslash, comments removed, blank lines dropped. */
  static java.util.List<String> logicalLines(String text) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\r?\n", -1)) {
      String line = stripComment(raw);
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String logical = current.toString().strip();
      current.setLength(0);
      if (!logical.isEmpty()) {
        out.add(logical);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /** pip: a comment starts with {@code #} at the start of a line or after whitespace. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static Pin requirement(String line) {
    String[] parts = nameAndSpecifiers(line);
    if (parts == null) {
      return null;
    }
    String specs = parts[1];
    int marker = specs.indexOf(';');
    if (marker >= 0) {
      specs = specs.substring(0, marker);
    }
    if (specs.indexOf('@') >= 0) {
      return null; // "name @ https://...": a URL, not a version
    }
    for (String clause : specs.split(",")) {
      Matcher exact = EXACT.matcher(clause);
      if (exact.matches()) {
        return new Pin(Format.PYPI, null, parts[0], exact.group("version"));
      }
    }
    return null;
  }

  /**
   * A PEP 508 line cut by hand, in linear time: the name (letters, digits, {@code ._-}, starting
   * and ending with a letter or digit), extras in brackets skipped, then everything after
   * (specifiers, a URL, a marker). Null when the line starts with no name, or is an option line.
   */
  static String[] nameAndSpecifiers(String line) {
    if (line.startsWith("-")) {
      return null; // -r, -c, -e, --index-url, ...
    }
    String req = line;
    for (int i = 1; i < req.length(); i++) {
      if (req.charAt(i) == '-' && Character.isWhitespace(req.charAt(i - 1))) {
        req = req.substring(0, i); // --hash=..., --config-settings, ...
        break;
      }
    }
    int i = 0;
    while (i < req.length() && nameChar(req.charAt(i))) {
      i++;
    }
    if (i == 0
        || !Character.isLetterOrDigit(req.charAt(0))
        || !Character.isLetterOrDigit(req.charAt(i - 1))) {
      return null;
    }
    String name = req.substring(0, i);
    String rest = req.substring(i).stripLeading();
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        return null;
      }
      rest = rest.substring(close + 1).stripLeading();
    }
    return new String[] {name, rest};
  }

  /** Whether a line of a requirements file reads as a requirement (for recognition by content). */
  static boolean isRequirementLine(String line) {
    String[] parts = nameAndSpecifiers(line);
    if (parts == null) {
      return false;
    }
    String rest = parts[1];
    for (String start : new String[] {"==", "!=", "<", ">", "~=", "@", ";"}) {
      if (rest.startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  /**
   * poetry.lock: {@code [[package]]} with {@code name} and {@code version}; a package whose {@code
   * [package.source]} is a git checkout, a local directory or a local file is not from an index and
   * is skipped (a private index, {@code legacy}, is read).
   */
  static Lockfile poetry(Input in) throws LockfileException {
    JsonNode root = in.toml();
    JsonNode packages = root.get("package");
    if (packages == null && root.get("metadata") == null) {
      throw in.error("not a poetry.lock: no [[package]] and no [metadata]");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode p : iterable(packages)) {
      String type = Input.text(p.get("source"), "type");
      if (type != null && (type.equals("git") || type.equals("directory") || type.equals("file"))) {
        continue;
      }
      add(pins, Input.text(p, "name"), Input.text(p, "version"));
    }
    return in.result("poetry.lock", pins);
  }

  /**
   * uv.lock: {@code [[package]]} with {@code name}, {@code version} and {@code source}; the
   * project's own packages ({@code editable}, {@code virtual}) and packages from a local {@code
   * directory}, {@code path} or {@code git} are skipped.
   */
  static Lockfile uv(Input in) throws LockfileException {
    JsonNode root = in.toml();
    JsonNode packages = root.get("package");
    if (packages == null && root.get("requires-python") == null) {
      throw in.error("not a uv.lock: no [[package]]");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode p : iterable(packages)) {
      JsonNode source = p.get("source");
      if (source != null
          && (source.has("editable")
              || source.has("virtual")
              || source.has("directory")
              || source.has("path")
              || source.has("git"))) {
        continue;
      }
      add(pins, Input.text(p, "name"), Input.text(p, "version"));
    }
    return in.result("uv.lock", pins);
  }

  /**
   * pylock.toml (PEP 751): {@code [[packages]]} with {@code name} and {@code version}; packages
   * from a {@code vcs} checkout or a local {@code directory} are skipped.
   */
  static Lockfile pylock(Input in) throws LockfileException {
    JsonNode root = in.toml();
    if (root.get("lock-version") == null) {
      throw in.error("not a pylock.toml: no lock-version");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (JsonNode p : iterable(root.get("packages"))) {
      if (p.has("vcs") || p.has("directory")) {
        continue;
      }
      add(pins, Input.text(p, "name"), Input.text(p, "version"));
    }
    return in.result("pylock.toml", pins);
  }

  /**
   * Pipfile.lock: {@code default} and {@code develop} map names to {@code "version": "==1.2.3"};
   * entries from a {@code path}, {@code file} or a VCS (no version) are skipped.
   */
  static Lockfile pipfile(Input in) throws LockfileException {
    JsonNode root = in.json();
    if (!root.isObject() || !(root.has("default") || root.has("develop"))) {
      throw in.error("not a Pipfile.lock: no default or develop");
    }
    Set<Pin> pins = new LinkedHashSet<>();
    for (String section : new String[] {"default", "develop"}) {
      JsonNode deps = root.get(section);
      if (deps == null || !deps.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : deps.properties()) {
        JsonNode entry = e.getValue();
        String version = Input.text(entry, "version");
        if (version == null || entry.has("path") || entry.has("file") || entry.has("git")) {
          continue;
        }
        Matcher exact = EXACT.matcher(version);
        if (exact.matches()) {
          add(pins, e.getKey(), exact.group("version"));
        }
      }
    }
    return in.result("Pipfile.lock", pins);
  }

  private static void add(Set<Pin> pins, String name, String version) {
    if (name != null && version != null) {
      pins.add(new Pin(Format.PYPI, null, name, version));
    }
  }

  static Iterable<JsonNode> iterable(JsonNode array) {
    return array != null && array.isArray() ? array : java.util.List.of();
  }
}
