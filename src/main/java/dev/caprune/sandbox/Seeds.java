package dev.caprune.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.sandbox.Store.Asset;
import dev.caprune.sandbox.Store.Domain;
import dev.caprune.sandbox.Store.PackageKey;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Repo;
import dev.caprune.sandbox.Store.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the seed format into a {@link Store} (strictly: unknown fields, bad values and duplicates
 * are errors naming the file and the field path) and writes a store back in the same format.
 */
final class Seeds {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private static final Set<String> SEED_STATUSES =
      Set.of("Published", "Unfinished", "Unlisted", "Archived", "Disposed");
  private static final Set<String> NEEDS_NAMESPACE = Api.NEEDS_NAMESPACE;
  private static final Set<String> NO_NAMESPACE = Set.of("pypi", "nuget", "ruby", "cargo");

  private final String source;

  private Seeds(String source) {
    this.source = source;
  }

  /** Loads {@code json} (from {@code source}, used in messages) into {@code store}. */
  static void load(Store store, String source, String json) {
    new Seeds(source).read(store, json);
  }

  private void read(Store store, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SeedException(
          source + ": invalid JSON" + where + ": " + e.getOriginalMessage().replace('\n', ' '));
    }
    if (root == null || root.isMissingNode()) {
      throw new SeedException(source + ": empty file (expected {\"domains\": [...]})");
    }
    object(root, "(top level)", Set.of("domains"));
    JsonNode domains = root.get("domains");
    for (int i = 0; domains != null && i < array(domains, "domains").size(); i++) {
      readDomain(store, domains.get(i), "domains[" + i + "]");
    }
  }

  private void readDomain(Store store, JsonNode node, String path) {
    object(node, path, Set.of("name", "owner", "repositories"));
    String name = string(node, path, "name", Shape.DOMAIN, true);
    String owner = string(node, path, "owner", Shape.ACCOUNT, false);
    Domain domain;
    try {
      domain = store.domain(name, owner == null ? Store.DEFAULT_OWNER : owner);
    } catch (IllegalArgumentException e) {
      throw fail(path + ".owner", e.getMessage());
    }
    JsonNode repos = node.get("repositories");
    for (int i = 0; repos != null && i < array(repos, path + ".repositories").size(); i++) {
      String rpath = path + ".repositories[" + i + "]";
      JsonNode r = repos.get(i);
      object(r, rpath, Set.of("name", "packages"));
      Repo repo = Store.repo(domain, string(r, rpath, "name", Shape.REPOSITORY, true));
      JsonNode pkgs = r.get("packages");
      for (int j = 0; pkgs != null && j < array(pkgs, rpath + ".packages").size(); j++) {
        readPackage(repo, pkgs.get(j), rpath + ".packages[" + j + "]");
      }
    }
  }

  private void readPackage(Repo repo, JsonNode node, String path) {
    object(node, path, Set.of("format", "namespace", "name", "latestTag", "versions"));
    String format = string(node, path, "format", Shape.FORMAT, true);
    String namespace = string(node, path, "namespace", Shape.NAME, false);
    String name = string(node, path, "name", Shape.NAME, true);
    String latestTag = string(node, path, "latestTag", Shape.NAME, false);
    checkNamespace(format, namespace, path + ".namespace");
    if (latestTag != null && !"npm".equals(format)) {
      throw fail(path + ".latestTag", "only npm packages have a latest tag");
    }
    PackageKey key = new PackageKey(format, namespace, name);
    Pkg pkg = Store.pkg(repo, key);
    if (latestTag != null) {
      pkg.latestTag = latestTag;
    }
    JsonNode versions = node.get("versions");
    for (int i = 0; versions != null && i < array(versions, path + ".versions").size(); i++) {
      String vpath = path + ".versions[" + i + "]";
      Version v = readVersion(repo, key, versions.get(i), vpath);
      if (!pkg.add(v)) {
        throw fail(vpath + ".version", "duplicate version \"" + v.version + "\" of " + key);
      }
    }
    if (latestTag != null && !pkg.contains(latestTag)) {
      throw fail(path + ".latestTag", "no version \"" + latestTag + "\" in this package");
    }
  }

  private Version readVersion(Repo repo, PackageKey key, JsonNode node, String path) {
    object(
        node,
        path,
        Set.of(
            "version", "status", "publishedTime", "origin", "revision", "assets", "dependencies"));
    String version = string(node, path, "version", Shape.NAME, true);
    String status = string(node, path, "status", null, false);
    if (status == null) {
      status = "Published";
    } else if (!SEED_STATUSES.contains(status)) {
      throw fail(
          path + ".status",
          "unknown status \"" + status + "\" (expected one of " + sorted(SEED_STATUSES) + ")");
    }
    String origin = string(node, path, "origin", Shape.ORIGIN_TYPE, false);
    String revision = string(node, path, "revision", Shape.REVISION, false);
    String time = string(node, path, "publishedTime", null, false);
    Instant published = null;
    if (time != null) {
      try {
        published = OffsetDateTime.parse(time).toInstant();
      } catch (DateTimeParseException e) {
        throw fail(
            path + ".publishedTime",
            "not an ISO-8601 date-time with offset: \"" + time + "\" (e.g. 2025-06-01T12:00:00Z)");
      }
    }
    List<Asset> assets = new ArrayList<>();
    JsonNode list = node.get("assets");
    for (int i = 0; list != null && i < array(list, path + ".assets").size(); i++) {
      String apath = path + ".assets[" + i + "]";
      JsonNode a = list.get(i);
      object(a, apath, Set.of("name", "size", "hashes"));
      String name = string(a, apath, "name", Shape.ASSET_NAME, true);
      JsonNode size = a.get("size");
      if (size == null
          || !size.canConvertToLong()
          || !size.isIntegralNumber()
          || size.asLong() < 0) {
        throw fail(apath + ".size", "expected a whole number of bytes >= 0");
      }
      assets.add(new Asset(name, size.asLong(), hashes(a.get("hashes"), apath + ".hashes")));
    }
    if ("Disposed".equals(status) && !assets.isEmpty()) {
      throw fail(path + ".assets", "a Disposed version has no assets");
    }
    Version v =
        new Version(
            version,
            status,
            revision == null ? Store.revisionFor(repo.name, key, version) : revision,
            published,
            origin == null ? "INTERNAL" : origin,
            assets);
    JsonNode deps = node.get("dependencies");
    if (deps != null && !deps.isNull()) {
      v.dependencies = dependencies(key.format(), deps, path + ".dependencies");
    }
    return v;
  }

  /** A dependency type: one word as the formats write them ({@code regular}, {@code compile}). */
  private static final Shape DEPENDENCY_TYPE = Shape.pattern("\\S+", 1, 100);

  /** A version requirement in the format's syntax: any printable text ({@code >=1.0, <2}). */
  private static final Shape REQUIREMENT = Shape.pattern("\\P{C}+", 1, 1000);

  /**
   * A version's {@code dependencies}: each names a package of the same format ({@code package}
   * required; {@code namespace} as that format's packages have one or not), with an optional {@code
   * dependencyType} and {@code versionRequirement}.
   */
  private List<Store.Dependency> dependencies(String format, JsonNode node, String path) {
    ArrayNode list = array(node, path);
    List<Store.Dependency> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String dpath = path + "[" + i + "]";
      JsonNode d = list.get(i);
      object(d, dpath, Set.of("namespace", "package", "dependencyType", "versionRequirement"));
      String namespace = string(d, dpath, "namespace", Shape.NAME, false);
      String pkg = string(d, dpath, "package", Shape.NAME, true);
      String type = string(d, dpath, "dependencyType", DEPENDENCY_TYPE, false);
      String requirement = string(d, dpath, "versionRequirement", REQUIREMENT, false);
      checkNamespace(format, namespace, dpath + ".namespace");
      out.add(new Store.Dependency(namespace, pkg, type, requirement));
    }
    return List.copyOf(out);
  }

  /** A package's namespace, at {@code path}: required, forbidden or free as its format has it. */
  private void checkNamespace(String format, String namespace, String path) {
    if (namespace == null && NEEDS_NAMESPACE.contains(format)) {
      throw fail(path, "required for " + format + " packages");
    }
    if (namespace != null && NO_NAMESPACE.contains(format)) {
      throw fail(path, format + " packages have no namespace");
    }
    if (namespace != null && "npm".equals(format) && namespace.startsWith("@")) {
      throw fail(path, "write the npm scope without the @ (\"" + namespace.substring(1) + "\")");
    }
  }

  /** Hex digest lengths by algorithm, the keys of the API's AssetHashes map. */
  private static final java.util.Map<String, Integer> HASH_LENGTHS =
      java.util.Map.of("MD5", 32, "SHA-1", 40, "SHA-256", 64, "SHA-512", 128);

  /**
   * An asset's hashes in the API's shape ({@code {"SHA-256": "hex", ...}}), or null when absent
   * (then derived from the asset). Every algorithm is optional; the ones given are what the API
   * shows.
   */
  private java.util.Map<String, String> hashes(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    object(node, path, HASH_LENGTHS.keySet());
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String alg : Store.HASH_ALGORITHMS) {
      String hex = string(node, path, alg, null, false);
      if (hex == null) {
        continue;
      }
      int length = HASH_LENGTHS.get(alg);
      if (hex.length() != length || !hex.matches("[0-9a-f]+")) {
        throw fail(
            path + "." + alg, "expected " + length + " lower-case hex digits, not \"" + hex + "\"");
      }
      out.put(alg, hex);
    }
    if (out.isEmpty()) {
      throw fail(path, "empty: give at least one hash, or leave hashes out to derive them");
    }
    return out;
  }

  private void object(JsonNode node, String path, Set<String> fields) {
    if (node == null || !node.isObject()) {
      throw fail(path, "expected a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        String at = path.equals("(top level)") ? f : path + "." + f;
        throw fail(at, "unknown field \"" + f + "\" (expected one of " + sorted(fields) + ")");
      }
    }
  }

  private ArrayNode array(JsonNode node, String path) {
    if (!node.isArray()) {
      throw fail(path, "expected a JSON array");
    }
    return (ArrayNode) node;
  }

  private String string(JsonNode node, String path, String field, Shape shape, boolean required) {
    JsonNode v = node.get(field);
    String at = path + "." + field;
    if (v == null || v.isNull()) {
      if (required) {
        throw fail(at, "missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw fail(at, "expected a string");
    }
    String s = v.asText();
    if (shape != null) {
      String violation = shape.violation(s);
      if (violation != null) {
        String what = shape.values() != null ? "unknown value" : "invalid value";
        throw fail(at, what + " \"" + s + "\": " + violation);
      }
    }
    return s;
  }

  private SeedException fail(String path, String message) {
    return new SeedException(source + ": " + path + ": " + message);
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }

  /** A dependency as the seed format and the API write it: absent members left out. */
  static ObjectNode dependencyJson(Store.Dependency d) {
    ObjectNode n = JSON.createObjectNode();
    if (d.namespace() != null) {
      n.put("namespace", d.namespace());
    }
    n.put("package", d.pkg());
    if (d.dependencyType() != null) {
      n.put("dependencyType", d.dependencyType());
    }
    if (d.versionRequirement() != null) {
      n.put("versionRequirement", d.versionRequirement());
    }
    return n;
  }

  /** The store in the seed format, sorted so that two states compare as text. */
  static String write(Store store) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode domains = root.putArray("domains");
    for (Domain d : store.domains.values()) {
      ObjectNode dn = domains.addObject().put("name", d.name).put("owner", d.owner);
      ArrayNode repos = dn.putArray("repositories");
      for (Repo r : d.repos.values()) {
        ArrayNode pkgs = repos.addObject().put("name", r.name).putArray("packages");
        for (Pkg p : r.packages.values()) {
          ObjectNode pn = pkgs.addObject().put("format", p.key.format());
          if (p.key.namespace() != null) {
            pn.put("namespace", p.key.namespace());
          }
          pn.put("name", p.key.name());
          if (p.latestTag != null) {
            pn.put("latestTag", p.latestTag);
          }
          ArrayNode vs = pn.putArray("versions");
          for (Version v : p.versions()) {
            ObjectNode vn = vs.addObject().put("version", v.version).put("status", v.status());
            if (v.published() != null) {
              vn.put("publishedTime", v.published().toString());
            }
            vn.put("origin", v.origin()).put("revision", v.revision());
            List<Asset> files = v.assets(p.key);
            if (!files.isEmpty()) {
              ArrayNode an = vn.putArray("assets");
              for (Asset a : files) {
                ObjectNode h =
                    an.addObject().put("name", a.name()).put("size", a.size()).putObject("hashes");
                a.hashes(p.key, v.version).forEach(h::put);
              }
            }
            // Only where there are some: a state without dependencies reads as it always has.
            if (!v.dependencies.isEmpty()) {
              ArrayNode deps = vn.putArray("dependencies");
              for (Store.Dependency dep : v.dependencies) {
                deps.add(dependencyJson(dep));
              }
            }
          }
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
