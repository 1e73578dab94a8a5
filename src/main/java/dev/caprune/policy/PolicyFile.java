package dev.caprune.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caprune.select.Action;
import dev.caprune.select.AwsNames;
import dev.caprune.select.BadFilter;
import dev.caprune.select.Criteria;
import dev.caprune.select.Endpoints;
import dev.caprune.select.FilterSpec;
import dev.caprune.select.Matcher;
import dev.caprune.select.Names;
import dev.caprune.select.Policy;
import dev.caprune.select.ProtectList;
import dev.caprune.select.Role;
import dev.caprune.select.Scope;
import dev.caprune.select.TimeWindow;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and checks a policy file (YAML, or JSON, which YAML reads too). Every problem is a usage
 * error naming the file, the line and column, and the field: {@code retention.yaml:14:17:
 * rules[2].olderThan: invalid age '1y' ...}, thrown as a {@link PolicyException}. Nothing here
 * makes a call. The rules' filters are checked as the command line's options are ({@link
 * FilterSpec}), their messages reworded in the file's keys ({@link #inPolicyTerms}).
 */
public final class PolicyFile {
  /**
   * The protect file's warnings come out as the command line's {@code --protect-file}'s do: under
   * its logger's name, so that a policy's stderr reads as it always has.
   */
  private static final Logger LOG = LoggerFactory.getLogger("dev.caprune.cli.FilterOptions");

  /** More than this is no policy file. */
  public static final int MAX_SIZE = 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * One target: where the rules run, with its own AWS settings.
   *
   * @param region null for the command line's or the default chain's
   * @param profile null for the command line's or the default chain's
   * @param endpointUrl null for the command line's or AWS's own
   * @param places where each of its fields was written; the key {@code ""} is the target itself
   * @param role the role to assume ({@code roleArn} and its keys), or null for the command line's
   */
  public record Target(
      String name,
      Scope scope,
      String region,
      String profile,
      String endpointUrl,
      Map<String, Place> places,
      Role role) {

    /** Without a role of its own. */
    public Target(
        String name,
        Scope scope,
        String region,
        String profile,
        String endpointUrl,
        Map<String, Place> places) {
      this(name, scope, region, profile, endpointUrl, places, null);
    }

    /** Where {@code field} was written, else where the target was (a field it does not have). */
    public Place at(String field) {
      return places.getOrDefault(field, places.get(""));
    }
  }

  /**
   * Where a value was written.
   *
   * @param location {@code retention.yaml:9:14}
   * @param path {@code targets[1].profile}
   */
  public record Place(String location, String path) {
    /** A usage error about the value: {@code retention.yaml:9:14: targets[1].profile: message}. */
    public PolicyException error(String message) {
      return new PolicyException(this + ": " + message);
    }

    @Override
    public String toString() {
      return location + ": " + path;
    }
  }

  /**
   * The message for two targets that would act on one repository at the same time, at the second.
   */
  public static PolicyException clash(Target first, Target second, String repository, String how) {
    return second
        .at("repositories")
        .error(
            "targets '"
                + first.name()
                + "' and '"
                + second.name()
                + "' both name "
                + repository
                + " "
                + how
                + " ("
                + first.name()
                + " at "
                + first.at("").location()
                + ", "
                + second.name()
                + " at "
                + second.at("").location()
                + "): its versions would be acted on twice, at the same time");
  }

  /**
   * A checked policy.
   *
   * @param max the policy's {@code max} (over the whole run), or null
   */
  public record Loaded(
      Path file,
      List<Target> targets,
      Policy policy,
      Integer max,
      boolean protectLatest,
      ProtectList protect,
      boolean deleteEmptyPackages,
      dev.caprune.depend.Protections protections) {}

  /** The keys a policy's top level may have. */
  public static final Set<String> TOP =
      Set.of(
          "$schema",
          "version",
          "targets",
          "rules",
          "protectLatest",
          "protectFile",
          "max",
          "deleteEmptyPackages",
          "protectDependencies",
          "dependentsFrom",
          "protectLockfiles");

  /** The keys a target may have. */
  public static final Set<String> TARGET =
      Set.of(
          "name",
          "domain",
          "domainOwner",
          "region",
          "profile",
          "endpointUrl",
          "repositories",
          "description",
          "roleArn",
          "externalId",
          "sessionName",
          "durationSeconds");

  /** The keys a rule may have. */
  public static final Set<String> RULE =
      Set.of(
          "name",
          "action",
          "description",
          "all",
          "repositories",
          "format",
          "namespace",
          "package",
          "excludePackage",
          "version",
          "excludeVersion",
          "packageRegex",
          "versionRegex",
          "status",
          "origin",
          "olderThan",
          "newerThan",
          "publishedBefore",
          "publishedAfter",
          "keepLatest",
          "order",
          "onlyPrerelease",
          "snapshotBuilds",
          "excludePrerelease",
          "keepLatestPer");

  private final Path file;
  private final String label;

  private PolicyFile(Path file) {
    this.file = file;
    this.label = file.toString();
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws PolicyException naming the file, line, column and field of the first problem
   */
  public static Loaded read(Path file, Clock clock) {
    return new PolicyFile(file).load(clock);
  }

  /** A parsed value and where it was written. */
  private record Node(Object value, JsonToken token, JsonLocation where, String path) {
    @SuppressWarnings("unchecked")
    Map<String, Node> object() {
      return (Map<String, Node>) value;
    }

    @SuppressWarnings("unchecked")
    List<Node> array() {
      return (List<Node>) value;
    }
  }

  private PolicyException error(Node at, String message) {
    return error(at.where(), at.path(), message);
  }

  private PolicyException error(JsonLocation where, String path, String message) {
    String place =
        where == null ? label : label + ":" + where.getLineNr() + ":" + where.getColumnNr();
    return new PolicyException(place + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  private Place place(Node n) {
    return new Place(label + ":" + n.where().getLineNr() + ":" + n.where().getColumnNr(), n.path());
  }

  private Loaded load(Clock clock) {
    Node root = parse(text());
    if (root.token() != JsonToken.START_OBJECT) {
      throw error(root, "a policy is a mapping with version, targets and rules");
    }
    Map<String, Node> top = root.object();
    known(top, TOP, "");
    Node version = require(root, "version");
    if (!"1".equals(version.value())) {
      throw error(
          version, "unsupported version " + show(version) + ": this caprune reads version 1");
    }
    boolean protectLatest = bool(top.get("protectLatest"), true);
    boolean deleteEmptyPackages = bool(top.get("deleteEmptyPackages"), false);
    Integer max = integer(top.get("max"));
    if (max != null && max < 0) {
      throw error(top.get("max"), "must be 0 or more, not " + max);
    }
    ProtectList protect = ProtectList.empty();
    Node protectFile = top.get("protectFile");
    if (protectFile != null) {
      if (string(protectFile).isBlank()) {
        throw error(protectFile, "empty: name a protect file, or leave the key out");
      }
      Path p = field(protectFile, () -> Path.of(string(protectFile)));
      Path resolved = p.isAbsolute() || file.getParent() == null ? p : file.getParent().resolve(p);
      protect = field(protectFile, () -> ProtectFile.read(resolved));
      protect.warnings().forEach(LOG::warn);
    }
    List<Target> targets = targets(require(root, "targets"));
    Policy policy = rules(require(root, "rules"), clock, protectLatest, protect);
    return new Loaded(
        file, targets, policy, max, protectLatest, protect, deleteEmptyPackages, protections(top));
  }

  /** {@code protectDependencies}, {@code dependentsFrom}, {@code protectLockfiles}: top level. */
  private dev.caprune.depend.Protections protections(Map<String, Node> top) {
    boolean dependencies = bool(top.get("protectDependencies"), false);
    List<Matcher> from = new ArrayList<>();
    Node fromNode = top.get("dependentsFrom");
    if (fromNode != null) {
      if (!dependencies) {
        throw error(fromNode, "goes with protectDependencies: true");
      }
      for (Node item : items(fromNode)) {
        from.add(repository(item));
      }
    }
    List<dev.caprune.lockfile.Lockfile> lockfiles = new ArrayList<>();
    Node locks = top.get("protectLockfiles");
    if (locks != null) {
      Path base = file.toAbsolutePath().getParent();
      for (Node item : items(locks)) {
        String written = string(item);
        if (written.isBlank()) {
          throw error(item, "empty: name a lockfile, or leave it out");
        }
        for (Path lockfile : lockfiles(item, base, written)) {
          try {
            lockfiles.add(dev.caprune.lockfile.Lockfiles.read(lockfile));
          } catch (dev.caprune.lockfile.LockfileException e) {
            throw error(item, e.getMessage());
          }
        }
      }
    }
    return new dev.caprune.depend.Protections(dependencies, from, lockfiles, false);
  }

  /** A string or a list of strings, each with its place. */
  private List<Node> items(Node n) {
    if (n.token() == JsonToken.START_ARRAY) {
      if (n.array().isEmpty()) {
        throw error(n, "an empty list: give at least one value, or leave the key out");
      }
      return n.array();
    }
    return List.of(n);
  }

  /**
   * The lockfiles a path or glob names, relative to the policy file; a glob that matches no file is
   * an error (a protection must not vanish without a word).
   */
  private List<Path> lockfiles(Node item, Path base, String written) {
    boolean glob = written.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!glob) {
      Path p = field(item, () -> Path.of(written));
      return List.of(p.isAbsolute() || base == null ? p : base.resolve(p));
    }
    java.nio.file.PathMatcher matcher =
        field(item, () -> java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + written));
    Path root = base == null ? Path.of("") : base;
    List<Path> found = new ArrayList<>();
    try (var walk = java.nio.file.Files.walk(root)) {
      walk.filter(java.nio.file.Files::isRegularFile)
          .filter(f -> matcher.matches(root.relativize(f)))
          .sorted()
          .forEach(found::add);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw error(item, "cannot look for " + show(item) + " (" + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      throw error(item, "no file matches " + show(item) + " (relative to the policy file)");
    }
    return found;
  }

  private String text() {
    try {
      return TextFile.read(file, MAX_SIZE);
    } catch (TextFile.TooLarge e) {
      throw new PolicyException(label + ": larger than 1 MiB; that is no policy file");
    } catch (CharacterCodingException e) {
      throw new PolicyException(label + ": not UTF-8 text");
    } catch (IOException e) {
      throw new PolicyException(
          label
              + ": cannot read it ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  // ---- parsing: a tree of nodes, each with its place; duplicate keys refused ----

  private Node parse(String text) {
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      if (p.nextToken() == null) {
        throw error((JsonLocation) null, "", "empty: a policy has version, targets and rules");
      }
      Node root = node(p, "");
      if (p.nextToken() != null) {
        throw error(
            p.currentTokenLocation(), "", "more than one YAML document: one policy per file");
      }
      return root;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int cut = message.indexOf('\n');
      throw error(
          e.getLocation(),
          "",
          "not valid YAML: " + (cut < 0 ? message : message.substring(0, cut)));
    } catch (IOException e) {
      throw new PolicyException(label + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  private Node node(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    JsonLocation where = p.currentTokenLocation();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation keyAt = p.currentTokenLocation();
          String child = path.isEmpty() ? name : path + "." + name;
          p.nextToken();
          Node value = node(p, child);
          if (fields.putIfAbsent(name, value) != null) {
            throw error(keyAt, child, "given twice (a duplicate key)");
          }
        }
        return new Node(fields, t, where, path);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p, path + "[" + items.size() + "]"));
        }
        return new Node(items, t, where, path);
      }
      case VALUE_NULL -> {
        return new Node(null, t, where, path);
      }
      default -> {
        return new Node(p.getText(), t, where, path);
      }
    }
  }

  // ---- typed access ----

  private void known(Map<String, Node> fields, Set<String> allowed, String what) {
    for (Node n : fields.values()) {
      String key = n.path().substring(n.path().lastIndexOf('.') + 1);
      if (!allowed.contains(key)) {
        String hint = suggest(key, allowed);
        throw error(
            n,
            "unknown key"
                + (hint == null ? "" : " (did you mean " + hint + "?)")
                + ": a typo must never widen a rule"
                + what);
      }
    }
  }

  private static String suggest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = Names.distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    return best;
  }

  private Node require(Node parent, String key) {
    Node n = parent.object().get(key);
    if (n == null || n.token() == JsonToken.VALUE_NULL) {
      String path = parent.path().isEmpty() ? key : parent.path() + "." + key;
      throw error(parent.where(), path, "required");
    }
    return n;
  }

  private static String show(Node n) {
    return n.value() instanceof String s ? "'" + s + "'" : n.token().asString();
  }

  private String string(Node n) {
    if (n.token() != JsonToken.VALUE_STRING
        && n.token() != JsonToken.VALUE_NUMBER_INT
        && n.token() != JsonToken.VALUE_NUMBER_FLOAT) {
      throw error(n, "must be a string, not " + kind(n));
    }
    return (String) n.value();
  }

  /** A string or a list of strings (a repeatable option). */
  private List<String> strings(Node n) {
    if (n.token() == JsonToken.START_ARRAY) {
      List<String> out = new ArrayList<>();
      for (Node item : n.array()) {
        out.add(string(item));
      }
      if (out.isEmpty()) {
        throw error(n, "an empty list: give at least one value, or leave the key out");
      }
      return out;
    }
    return List.of(string(n));
  }

  private boolean bool(Node n, boolean absent) {
    if (n == null) {
      return absent;
    }
    if (n.token() != JsonToken.VALUE_TRUE && n.token() != JsonToken.VALUE_FALSE) {
      throw error(n, "must be true or false, not " + kind(n));
    }
    return n.token() == JsonToken.VALUE_TRUE;
  }

  private Integer integer(Node n) {
    if (n == null) {
      return null;
    }
    if (n.token() != JsonToken.VALUE_NUMBER_INT) {
      throw error(n, "must be a whole number, not " + kind(n));
    }
    try {
      return Integer.valueOf((String) n.value());
    } catch (NumberFormatException e) {
      throw error(n, "too large: " + n.value());
    }
  }

  private static String kind(Node n) {
    return switch (n.token()) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "empty";
      case VALUE_TRUE, VALUE_FALSE -> "true/false";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + n.value();
      default -> "'" + n.value() + "'";
    };
  }

  private List<Node> list(Node n, String what) {
    if (n.token() != JsonToken.START_ARRAY) {
      throw error(n, "must be a list of " + what + ", not " + kind(n));
    }
    if (n.array().isEmpty()) {
      throw error(n, "an empty list: at least one " + what + " is needed");
    }
    return n.array();
  }

  private Map<String, Node> object(Node n, String what) {
    if (n.token() != JsonToken.START_OBJECT) {
      throw error(n, "must be a mapping (" + what + "), not " + kind(n));
    }
    return n.object();
  }

  /** Runs a check of the command line's, reporting its problem at {@code n} in the file's terms. */
  private <T> T field(Node n, Supplier<T> check) {
    try {
      return check.get();
    } catch (BadFilter | InvalidPathException e) {
      throw error(n, inPolicyTerms(e.getMessage(), n.path()));
    }
  }

  /** A check that returns nothing, as {@link #field(Node, Supplier)}. */
  private void check(Node n, Runnable check) {
    field(
        n,
        () -> {
          check.run();
          return null;
        });
  }

  private static final Pattern OPTION = Pattern.compile("--([a-z]+(?:-[a-z]+)*)");

  /**
   * A command-line check's message in the policy file's terms: the option the path already names
   * ("--older-than: ..." at {@code rules[0].olderThan}) is dropped, any other option is called by
   * its key ({@code --format} is {@code format}).
   */
  public static String inPolicyTerms(String message, String path) {
    String key = path.replaceAll("\\[[0-9]+]", "");
    key = key.substring(key.lastIndexOf('.') + 1);
    java.util.regex.Matcher lead = Pattern.compile("^--([a-z-]+)(?::\\s*|\\s+)").matcher(message);
    if (lead.find() && key.equals(policyKey(lead.group(1)))) {
      message = message.substring(lead.end());
    }
    return OPTION.matcher(message).replaceAll(m -> policyKey(m.group(1)));
  }

  /** The policy key of a command-line option: {@code older-than} is {@code olderThan}. */
  private static String policyKey(String option) {
    return switch (option) {
      case "repository" -> "repositories";
      case "no-protect-latest" -> "protectLatest";
      default -> {
        StringBuilder b = new StringBuilder();
        for (String part : option.split("-")) {
          b.append(
              b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        yield b.toString();
      }
    };
  }

  /**
   * The name of a target or rule ({@code what}), checked: valid, and not given twice in {@code
   * names} (which it joins).
   */
  private String name(Node parent, String what, Map<String, Node> names) {
    Node nameNode = require(parent, "name");
    String name = string(nameNode);
    if (!NAME.matcher(name).matches()) {
      throw error(
          nameNode,
          "'"
              + name
              + "' is not a valid "
              + what
              + " name (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
    }
    Node twice = names.putIfAbsent(name, nameNode);
    if (twice != null) {
      throw error(
          nameNode,
          what
              + " name '"
              + name
              + "' is used twice (first at line "
              + twice.where().getLineNr()
              + ")");
    }
    return name;
  }

  // ---- targets ----

  private List<Target> targets(Node n) {
    List<Target> out = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (Node t : list(n, "targets")) {
      Map<String, Node> f = object(t, "a target");
      known(f, TARGET, "");
      String name = name(t, "target", names);
      Node domainNode = require(t, "domain");
      String domain = string(domainNode);
      check(domainNode, () -> Scope.checkDomain(domain));
      Node owner = f.get("domainOwner");
      String domainOwner = owner == null ? null : string(owner);
      if (owner != null) {
        check(owner, () -> Scope.checkDomainOwner(domainOwner));
      }
      Node repos = f.get("repositories");
      if (repos == null) {
        throw error(
            t.where(),
            t.path() + ".repositories",
            "required: a target names its repositories (names or globs)");
      }
      List<Matcher> repositories = new ArrayList<>();
      for (Node r : list(repos, "repository names or globs")) {
        repositories.add(repository(r));
      }
      Scope checked = new Scope(domain, domainOwner, repositories);
      // Checked as the command line's --region, --profile and --endpoint-url are.
      String region = optional(f.get("region"));
      if (region != null && AwsNames.regionProblem(region) != null) {
        throw error(f.get("region"), AwsNames.regionProblem(region));
      }
      String profile = optional(f.get("profile"));
      if (profile != null && AwsNames.profileProblem(profile) != null) {
        throw error(f.get("profile"), AwsNames.profileProblem(profile));
      }
      Node endpoint = f.get("endpointUrl");
      String endpointUrl = optional(endpoint);
      if (endpointUrl != null) {
        try {
          AwsNames.endpoint(endpointUrl);
        } catch (IllegalArgumentException e) {
          throw error(endpoint, e.getMessage());
        }
      }
      Role role = role(f);
      Map<String, Place> places = new HashMap<>();
      places.put("", place(t));
      f.forEach((key, value) -> places.put(key, place(value)));
      Target target =
          new Target(name, checked, region, profile, endpointUrl, Map.copyOf(places), role);
      for (Target other : out) {
        String both = overlap(other, target);
        if (both != null) {
          throw clash(other, target, both, "in the same account, at the same endpoint");
        }
      }
      out.add(target);
    }
    return out;
  }

  /** A target's role ({@code roleArn}, {@code externalId}, ...), checked; null when it has none. */
  private Role role(Map<String, Node> f) {
    String arn = optional(f.get("roleArn"));
    if (arn == null) {
      for (String key : List.of("externalId", "sessionName", "durationSeconds")) {
        if (f.get(key) != null) {
          throw error(f.get(key), "goes with roleArn, the role to assume");
        }
      }
      return null;
    }
    if (Role.arnProblem(arn) != null) {
      throw error(f.get("roleArn"), Role.arnProblem(arn));
    }
    String externalId = optional(f.get("externalId"));
    if (externalId != null && Role.externalIdProblem(externalId) != null) {
      throw error(f.get("externalId"), Role.externalIdProblem(externalId));
    }
    String sessionName = optional(f.get("sessionName"));
    if (sessionName != null && Role.sessionNameProblem(sessionName) != null) {
      throw error(f.get("sessionName"), Role.sessionNameProblem(sessionName));
    }
    Integer duration = integer(f.get("durationSeconds"));
    if (duration != null && Role.durationProblem(duration) != null) {
      throw error(f.get("durationSeconds"), Role.durationProblem(duration));
    }
    return new Role(arn, externalId, sessionName, duration);
  }

  /**
   * A repository two targets both name, as {@code domain/repository}, when the file alone shows
   * that they reach the same endpoint as the same account, or null. Endpoints are compared in
   * canonical form ({@link Endpoints#canonical}); without one, the region's own endpoint; the
   * account by {@code domainOwner} when both give it, else by the profile and role when neither
   * does. What the file cannot tell (a default region, a missing owner) is compared once the
   * targets' settings are resolved, before any write ({@code policy run}).
   */
  private static String overlap(Target a, Target b) {
    String endpointA = Endpoints.of(a.endpointUrl(), a.region());
    String endpointB = Endpoints.of(b.endpointUrl(), b.region());
    boolean sameAccount =
        (a.scope().domainOwner() != null && b.scope().domainOwner() != null)
            ? a.scope().domainOwner().equals(b.scope().domainOwner())
            : (a.scope().domainOwner() == null
                && b.scope().domainOwner() == null
                && Objects.equals(a.profile(), b.profile())
                && Objects.equals(roleArn(a), roleArn(b)));
    if (!Objects.equals(endpointA, endpointB) || !sameAccount) {
      return null;
    }
    return overlap(a.scope(), b.scope());
  }

  private static String roleArn(Target t) {
    return t.role() == null ? null : t.role().arn();
  }

  /**
   * A repository both scopes name in one domain, as {@code domain/repository} (literal names
   * against names and globs; two globs cannot be compared without a listing), or null.
   */
  public static String overlap(Scope a, Scope b) {
    if (!a.domain().equals(b.domain())) {
      return null;
    }
    for (Matcher x : a.repositories()) {
      for (Matcher y : b.repositories()) {
        if (literal(x) && y.matches(x.source())) {
          return a.domain() + "/" + x.source();
        }
        if (literal(y) && x.matches(y.source())) {
          return a.domain() + "/" + y.source();
        }
      }
    }
    return null;
  }

  private static boolean literal(Matcher m) {
    return m instanceof Matcher.Glob g && g.literal();
  }

  /** A repository name or glob, checked as the command line's {@code --repository} is. */
  private Matcher repository(Node n) {
    String name = string(n);
    return field(n, () -> Scope.repository(name));
  }

  private String optional(Node n) {
    return n == null || n.token() == JsonToken.VALUE_NULL ? null : string(n);
  }

  // ---- rules ----

  private Policy rules(Node n, Clock clock, boolean protectLatest, ProtectList protect) {
    List<Policy.Rule> rules = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    if (list(n, "rules").size() > Policy.MAX_RULES) {
      throw error(n, "more than " + Policy.MAX_RULES + " rules");
    }
    for (Node r : list(n, "rules")) {
      Map<String, Node> f = object(r, "a rule");
      known(f, RULE, "");
      String name = name(r, "rule", names);
      Node actionNode = require(r, "action");
      String verb = string(actionNode);
      // A keep rule has no action: it protects what it selects.
      Action action =
          verb.equals("keep")
              ? null
              : Action.fromWire(verb)
                  .filter(Action::ruleAction)
                  .orElseThrow(
                      () ->
                          error(
                              actionNode,
                              "unknown action "
                                  + show(actionNode)
                                  + ": keep, delete, archive, unlist or dispose"));
      boolean all = bool(f.get("all"), false);
      List<Matcher> repositories = new ArrayList<>();
      Node repos = f.get("repositories");
      if (repos != null) {
        for (Node g : list(repos, "repository names or globs")) {
          repositories.add(repository(g));
        }
      }
      if (f.containsKey("keepLatestPer") && !f.containsKey("keepLatest")) {
        throw error(
            f.get("keepLatestPer"),
            "goes with keepLatest: N: it keeps the newest N of each release line");
      }
      FilterSpec.Builder whole = new FilterSpec.Builder();
      for (Map.Entry<String, Node> e : f.entrySet()) {
        Setter setter = SETTERS.get(e.getKey());
        if (setter == null) {
          continue; // name, action, all, repositories, description
        }
        FilterSpec.Builder alone = new FilterSpec.Builder();
        if (e.getKey().equals("keepLatestPer")) {
          alone.keepLatest(0); // its partner, checked above
        }
        setter.set(this, alone, e.getValue());
        field(e.getValue(), () -> alone.build().toCriteria(clock.instant()));
        setter.set(this, whole, e.getValue());
      }
      Criteria narrowing =
          field(r, () -> whole.protectLatest(false).build().toCriteria(clock.instant()));
      if (action != null && !all && !narrowing.narrows()) {
        throw error(
            r,
            "rule '"
                + name
                + "' would "
                + action.wire()
                + " every version: add a filter (package, version, status, olderThan...) or"
                + " all: true"
                + (narrowing.window().unbounded() ? "" : TimeWindow.NO_FILTER_NOTE));
      }
      if (action != null && !whole.hasStatus()) {
        whole.statuses(action.defaultStatuses()); // as the command of the same name
      }
      if (action != null && !action.removesVersion() && whole.hasStatus()) {
        // A version the rule already brought to its target stays the rule's (claimed, left as it
        // is): else tomorrow's run would hand last night's archived versions to a later delete
        // rule, and a policy run twice would not converge.
        whole.status(action.target());
      }
      whole.protectLatest(action != null && protectLatest);
      Criteria c = field(r, () -> whole.build().toCriteria(clock.instant()));
      if (action != null) {
        c = c.withProtect(protect);
      }
      rules.add(new Policy.Rule(name, action, c, repositories));
    }
    return new Policy(rules);
  }

  /** Sets one rule field on the filters, typed as the command line's option is. */
  @FunctionalInterface
  private interface Setter {
    void set(PolicyFile file, FilterSpec.Builder f, Node n);
  }

  private static final Map<String, Setter> SETTERS = setters();

  private static Map<String, Setter> setters() {
    Map<String, Setter> m = new LinkedHashMap<>();
    m.put("format", (p, f, n) -> f.format(p.convert(n, p.string(n), FilterSpec::parseFormat)));
    m.put("namespace", (p, f, n) -> f.namespace(p.string(n)));
    m.put("package", (p, f, n) -> f.packages(p.strings(n)));
    m.put("excludePackage", (p, f, n) -> f.excludePackages(p.strings(n)));
    m.put("packageRegex", (p, f, n) -> f.packageRegexes(p.strings(n)));
    m.put("version", (p, f, n) -> f.versions(p.strings(n)));
    m.put("excludeVersion", (p, f, n) -> f.excludeVersions(p.strings(n)));
    m.put("versionRegex", (p, f, n) -> f.versionRegexes(p.strings(n)));
    m.put(
        "status",
        (p, f, n) -> {
          for (String s : p.strings(n)) {
            f.status(p.convert(n, s, FilterSpec::parseStatus));
          }
        });
    m.put("origin", (p, f, n) -> f.origin(p.convert(n, p.string(n), FilterSpec::parseOrigin)));
    m.put("olderThan", (p, f, n) -> f.olderThan(p.string(n)));
    m.put("newerThan", (p, f, n) -> f.newerThan(p.string(n)));
    m.put("publishedBefore", (p, f, n) -> f.publishedBefore(p.string(n)));
    m.put("publishedAfter", (p, f, n) -> f.publishedAfter(p.string(n)));
    m.put("keepLatest", (p, f, n) -> f.keepLatest(p.integer(n)));
    m.put(
        "order",
        (p, f, n) -> {
          String s = p.string(n);
          try {
            f.order(Criteria.Order.valueOf(s));
          } catch (IllegalArgumentException e) {
            throw p.error(n, "unknown order '" + s + "': version or published");
          }
        });
    m.put("onlyPrerelease", (p, f, n) -> f.onlyPrerelease(p.bool(n, false)));
    m.put("snapshotBuilds", (p, f, n) -> f.snapshotBuilds(p.bool(n, false)));
    m.put("excludePrerelease", (p, f, n) -> f.excludePrerelease(p.bool(n, false)));
    m.put(
        "keepLatestPer",
        (p, f, n) -> {
          String s = p.string(n);
          try {
            f.keepLatestPer(Criteria.Per.valueOf(s));
          } catch (IllegalArgumentException e) {
            throw p.error(n, "unknown release line '" + s + "': major or minor");
          }
        });
    return m;
  }

  /** A value the command line converts as it parses (a format, a status...), checked alike. */
  private <T> T convert(Node n, String text, java.util.function.Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (BadFilter e) {
      throw error(n, e.getMessage());
    }
  }
}
