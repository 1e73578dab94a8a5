package dev.caprune.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * npm's package-lock.json and npm-shrinkwrap.json, yarn.lock (classic and Berry), pnpm-lock.yaml.
 */
final class NpmLocks {
  private NpmLocks() {}

  private static final String NODE_MODULES = "node_modules/";

  // ---- package-lock.json / npm-shrinkwrap.json ----

  /**
   * v2 and v3 list every installed folder under {@code packages} ({@code node_modules/a}, {@code
   * node_modules/a/node_modules/b}); v1 nests {@code dependencies} in {@code dependencies}. v2 has
   * both: {@code packages} is read, as npm 7+ does.
   */
  static Lockfile packageLock(Input in, String fileName) throws LockfileException {
    JsonNode root = in.json();
    JsonNode version = root.get("lockfileVersion");
    if (!root.isObject() || version == null || !version.canConvertToInt()) {
      throw in.error("not a " + fileName + ": no lockfileVersion");
    }
    String kind = fileName + " v" + version.asInt();
    Set<Pin> pins = new LinkedHashSet<>();
    JsonNode packages = root.get("packages");
    if (packages != null && packages.isObject()) {
      for (Map.Entry<String, JsonNode> e : packages.properties()) {
        String key = e.getKey();
        JsonNode entry = e.getValue();
        int nm = key.lastIndexOf(NODE_MODULES);
        // "" is the project; keys without node_modules/ are workspace folders, not from a registry
        if (nm < 0 || !entry.isObject() || entry.path("link").asBoolean(false)) {
          continue;
        }
        if (!fromRegistry(Input.text(entry, "resolved"))) {
          continue;
        }
        String name = Input.text(entry, "name");
        if (name == null) {
          name = key.substring(nm + NODE_MODULES.length());
        }
        add(pins, Names.npm(name, Input.text(entry, "version")));
      }
      return in.result(kind, pins);
    }
    JsonNode dependencies = root.get("dependencies");
    if (dependencies == null || !dependencies.isObject()) {
      return in.result(kind, pins);
    }
    // v1: nesting as deep as node_modules went; walked with a queue, not recursion.
    Deque<JsonNode> queue = new ArrayDeque<>();
    queue.add(dependencies);
    while (!queue.isEmpty()) {
      JsonNode deps = queue.poll();
      for (Map.Entry<String, JsonNode> e : deps.properties()) {
        JsonNode entry = e.getValue();
        if (!entry.isObject()) {
          continue;
        }
        String v = Input.text(entry, "version");
        if (v != null && v.startsWith("npm:")) { // an alias: "npm:real-name@1.0.0"
          String[] alias = Names.splitAt(v.substring(4));
          if (alias != null) {
            add(pins, Names.npm(alias[0], alias[1]));
          }
        } else if (v != null && !v.contains(":") && fromRegistry(Input.text(entry, "resolved"))) {
          add(pins, Names.npm(e.getKey(), v));
        }
        JsonNode nested = entry.get("dependencies");
        if (nested != null && nested.isObject()) {
          queue.add(nested);
        }
      }
    }
    return in.result(kind, pins);
  }

  /** A folder on disk or a git checkout is not a registry's package; a tarball URL may be. */
  private static boolean fromRegistry(String resolved) {
    return resolved == null
        || !(resolved.startsWith("file:")
            || resolved.startsWith("link:")
            || resolved.startsWith("git+")
            || resolved.startsWith("git:")
            || resolved.startsWith("github:"));
  }

  private static boolean localOrGit(String range) {
    for (String p :
        List.of(
            "file:",
            "link:",
            "portal:",
            "workspace:",
            "exec:",
            "patch:",
            "git:",
            "git+",
            "github:",
            "gitlab:",
            "bitbucket:")) {
      if (range.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  // ---- yarn.lock ----

  /** Classic yarn.lock or Berry's: Berry's is YAML with a {@code __metadata} key. */
  static Lockfile yarn(Input in) throws LockfileException {
    if (isBerry(in.text)) {
      return yarnBerry(in);
    }
    if (!isYarnClassic(in.text)) {
      throw in.error("not a yarn.lock: neither '# yarn lockfile v1' nor '__metadata:'");
    }
    return yarnClassic(in);
  }

  static boolean isBerry(String text) {
    return text.startsWith("__metadata:") || text.contains("\n__metadata:");
  }

  static boolean isYarnClassic(String text) {
    return text.contains("# yarn lockfile v1");
  }

  /**
   * Yarn 1's own format: a header of comma-separated {@code name@range} specs (quoted when they
   * hold {@code @} or spaces) ending with {@code :}, then two-space indented fields, e.g.
   *
   * <pre>
   * "@scope/a@^1.0.0", "@scope/a@~1.0.0":
   *   version "1.2.3"
   * </pre>
   *
   * An alias {@code a@npm:b@1.0.0} pins {@code b}.
   */
  private static Lockfile yarnClassic(Input in) throws LockfileException {
    Set<Pin> pins = new LinkedHashSet<>();
    String name = null;
    boolean skip = false;
    int lineNo = 0;
    for (String line : in.text.split("\r?\n", -1)) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (!line.endsWith(":")) {
          throw in.error("not a yarn.lock: line " + lineNo + " is neither an entry nor a field");
        }
        String first = unquote(line.substring(0, line.length() - 1).split(",", -1)[0].strip());
        String[] spec = Names.splitAt(first);
        name = null;
        skip = false;
        if (spec == null) {
          continue;
        }
        name = spec[0];
        String range = spec[1];
        if (range.startsWith("npm:")) {
          String[] alias = Names.splitAt(range.substring(4));
          if (alias != null) {
            name = alias[0];
          }
        }
        skip = localOrGit(range);
        continue;
      }
      // "  version "1.2.3"" exactly two spaces: deeper lines are dependencies
      if (name != null && !skip && line.startsWith("  version ") && !line.startsWith("   ")) {
        add(pins, Names.npm(name, unquote(line.substring("  version ".length()).strip())));
      }
    }
    return in.result("yarn.lock v1", pins);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /**
   * Berry (Yarn 2+) writes YAML: each entry's {@code resolution} ({@code a@npm:1.2.3}) says what
   * was installed. Only {@code npm:} resolutions come from a registry; {@code workspace:}, {@code
   * patch:}, {@code portal:}, {@code link:}, {@code file:} and git ones are skipped (a patched
   * package's own npm resolution is an entry of its own).
   */
  private static Lockfile yarnBerry(Input in) throws LockfileException {
    List<JsonNode> docs = in.yaml();
    if (docs.isEmpty() || !docs.get(0).isObject() || !docs.get(0).has("__metadata")) {
      throw in.error("not a yarn.lock: no __metadata");
    }
    JsonNode root = docs.get(0);
    Set<Pin> pins = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().equals("__metadata") || !e.getValue().isObject()) {
        continue;
      }
      String resolution = Input.text(e.getValue(), "resolution");
      String[] spec = resolution == null ? null : Names.splitAt(resolution);
      if (spec == null || !spec[1].startsWith("npm:")) {
        continue;
      }
      String version = spec[1].substring(4);
      int extra = version.indexOf("::"); // "npm:1.2.3::__archiveUrl=..."
      if (extra >= 0) {
        version = version.substring(0, extra);
      }
      add(pins, Names.npm(spec[0], version));
    }
    String v = Input.text(root.get("__metadata"), "version");
    return in.result("yarn.lock (Berry" + (v == null ? "" : ", v" + v) + ")", pins);
  }

  // ---- pnpm-lock.yaml ----

  /**
   * The {@code packages} map's keys: 5.x {@code /a/1.2.3} and {@code /@s/a/1.2.3_peer@1.0.0}, 6.x
   * {@code /a@1.2.3(peer@1.0.0)}, 9.x {@code a@1.2.3} and {@code '@s/a@1.2.3'}. Peer suffixes are
   * dropped. Keys that are not a registry's (a tarball URL, {@code file:}, {@code link:}, a git
   * host) are skipped; so are entries whose version is not one.
   */
  static Lockfile pnpm(Input in) throws LockfileException {
    List<JsonNode> docs = in.yaml();
    Set<Pin> pins = new LinkedHashSet<>();
    String lockfileVersion = null;
    for (JsonNode doc : docs) {
      if (!doc.isObject() || !doc.has("lockfileVersion")) {
        continue;
      }
      String v = doc.get("lockfileVersion").asText();
      if (lockfileVersion == null || doc.has("packages")) {
        lockfileVersion = v;
      }
      boolean v5 = major(v) < 6;
      JsonNode packages = doc.get("packages");
      if (packages == null || !packages.isObject()) {
        continue;
      }
      for (Iterator<String> it = packages.fieldNames(); it.hasNext(); ) {
        add(pins, pnpmKey(it.next(), v5));
      }
    }
    if (lockfileVersion == null) {
      throw in.error("not a pnpm-lock.yaml: no lockfileVersion");
    }
    return in.result("pnpm-lock.yaml v" + lockfileVersion, pins);
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return 9;
    }
  }

  private static Pin pnpmKey(String key, boolean v5) {
    String k = key;
    int paren = k.indexOf('(');
    if (paren >= 0) {
      k = k.substring(0, paren);
    }
    boolean registry = k.startsWith("/");
    if (registry) {
      k = k.substring(1);
    } else if (v5) {
      return null; // 5.x registry keys start with '/'; others are git hosts or local folders
    }
    String name;
    String version;
    if (v5) {
      int slash = k.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      name = k.substring(0, slash);
      version = k.substring(slash + 1);
    } else {
      String[] spec = Names.splitAt(k);
      if (spec == null) {
        return null;
      }
      name = spec[0];
      version = spec[1];
    }
    int underscore = version.indexOf('_'); // 5.x peer suffix "1.2.3_react@18.2.0"
    if (underscore >= 0) {
      version = version.substring(0, underscore);
    }
    if (!version.matches("[0-9A-Za-z.+-]+") || !Character.isDigit(version.charAt(0))) {
      return null; // a tarball URL, file:, link:, or a git revision
    }
    return Names.npm(name, version);
  }

  static void add(Set<Pin> pins, Pin pin) {
    if (pin != null) {
      pins.add(pin);
    }
  }
}
