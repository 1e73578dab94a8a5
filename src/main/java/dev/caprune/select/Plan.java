package dev.caprune.select;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A reviewed selection: exactly which versions an action will touch, each with the status and
 * revision it had when listed, and where it was made (region, endpoint, account). {@code caprune
 * apply} carries out this and nothing else, there and nowhere else.
 *
 * @param schemaVersion the plan format's version
 * @param capruneVersion the caprune that made it
 * @param createdAt when it was made
 * @param region the AWS Region it was made in
 * @param endpoint the endpoint URL it was made against, or null for AWS's own
 * @param domain the domain
 * @param domainOwner the domain's owner (account id), or null when it was not known
 * @param action the action's name (delete, archive, unlist, restore, dispose)
 * @param versions every selected version
 * @param target the policy target the plan was made for (policy plans, schema 3), or null
 */
public record Plan(
    int schemaVersion,
    String capruneVersion,
    Instant createdAt,
    String region,
    String endpoint,
    String domain,
    String domainOwner,
    String action,
    List<Entry> versions,
    String target) {

  /**
   * The plan format this caprune writes and understands. 2 added {@code region} and {@code
   * endpoint}; a plan of format 1 does not say where it was made and is refused.
   */
  public static final int SCHEMA_VERSION = 2;

  /**
   * The format of a policy's plan: each version records its own {@code action} and {@code rule},
   * the plan its {@code target}, and the plan's {@code action} is {@value #POLICY}. Plans of one
   * action stay {@link #SCHEMA_VERSION}.
   */
  public static final int POLICY_SCHEMA_VERSION = 3;

  /** The {@code action} of a policy's plan: each version carries its own. */
  public static final String POLICY = "policy";

  private static final java.util.Set<String> ENTRY_ACTIONS =
      java.util.Set.of("delete", "archive", "unlist", "dispose");
  private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  // The service model's patterns and lengths (codeartifact-service-2.json).
  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9\\-]{0,48}[a-z0-9]");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{1,99}");
  private static final Pattern NAME = Pattern.compile("[^#/\\s]{1,255}");
  private static final Pattern REVISION = Pattern.compile("\\S{1,50}");
  // Region names: lowercase words joined by hyphens (us-east-1, us-gov-west-1, eu-isoe-west-1).
  private static final Pattern REGION = Pattern.compile("(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ACTION = Pattern.compile("[a-z]{1,20}");

  public Plan {
    versions = List.copyOf(versions);
  }

  /** A plan of one action (schema 2). */
  public Plan(
      int schemaVersion,
      String capruneVersion,
      Instant createdAt,
      String region,
      String endpoint,
      String domain,
      String domainOwner,
      String action,
      List<Entry> versions) {
    this(
        schemaVersion,
        capruneVersion,
        createdAt,
        region,
        endpoint,
        domain,
        domainOwner,
        action,
        versions,
        null);
  }

  /**
   * This plan without the entries {@code leftOut} says: only narrower, everything else as it was
   * (where it was made, when, each entry's status and revision).
   */
  public Plan without(java.util.function.Predicate<Entry> leftOut) {
    return new Plan(
        schemaVersion,
        capruneVersion,
        createdAt,
        region,
        endpoint,
        domain,
        domainOwner,
        action,
        versions.stream().filter(leftOut.negate()).toList(),
        target);
  }

  /** Whether this is a policy's plan: each version has its own action and rule. */
  public boolean policy() {
    return POLICY.equals(action);
  }

  /**
   * One version as it was when listed.
   *
   * @param action the version's own action (policy plans), or null
   * @param rule the policy rule that selected it (policy plans), or null
   */
  public record Entry(
      String repository,
      Format format,
      String namespace,
      String pkg,
      String version,
      VersionStatus status,
      String revision,
      String action,
      String rule) {

    public Entry(
        String repository,
        Format format,
        String namespace,
        String pkg,
        String version,
        VersionStatus status,
        String revision) {
      this(repository, format, namespace, pkg, version, status, revision, null, null);
    }

    /** The package, as selections name it. */
    public PackageId packageId() {
      return new PackageId(format, namespace, pkg);
    }

    String packageKey() {
      return repository + "\u0000" + format + "\u0000" + namespace + "\u0000" + pkg;
    }
  }

  /** The plan of a selection. */
  public static Plan of(
      String capruneVersion,
      Instant createdAt,
      String region,
      String endpoint,
      String domain,
      String domainOwner,
      String action,
      List<PackageSelection> selections) {
    return new Plan(
        SCHEMA_VERSION,
        capruneVersion,
        createdAt,
        region,
        endpoint,
        domain,
        domainOwner,
        action,
        grouped(selections.stream().map(sel -> new RuleSelection(sel, null, null)).toList()));
  }

  /** One rule's selection in one package, for a policy's plan. */
  public record RuleSelection(PackageSelection selection, String action, String rule) {}

  /** The plan of a policy's selection in one target: every version with its action and rule. */
  public static Plan ofPolicy(
      String capruneVersion,
      Instant createdAt,
      String region,
      String endpoint,
      String domain,
      String domainOwner,
      String target,
      List<RuleSelection> selections) {
    return new Plan(
        POLICY_SCHEMA_VERSION,
        capruneVersion,
        createdAt,
        region,
        endpoint,
        domain,
        domainOwner,
        POLICY,
        grouped(selections),
        target);
  }

  /**
   * Every selected version as an entry (with its action and rule, null for a one-action plan), in
   * one run of entries per package, so that a reader sees each package once.
   */
  private static List<Entry> grouped(List<RuleSelection> selections) {
    Map<String, List<Entry>> byPackage = new LinkedHashMap<>();
    for (RuleSelection rs : selections) {
      PackageSelection sel = rs.selection();
      for (VersionSummary v : sel.selected()) {
        Entry e =
            new Entry(
                sel.repository().repository(),
                sel.pkg().format(),
                sel.pkg().namespace(),
                sel.pkg().name(),
                v.version(),
                v.status(),
                v.revision(),
                rs.action(),
                rs.rule());
        byPackage.computeIfAbsent(e.packageKey(), k -> new ArrayList<>()).add(e);
      }
    }
    return byPackage.values().stream().flatMap(List::stream).toList();
  }

  /**
   * Checks every field as the command line's input is checked: names by the service's patterns and
   * lengths, no version twice, each package in one run of entries, no {@code Deleted} version.
   *
   * @throws IllegalArgumentException naming the first bad field (e.g. {@code versions[3].package})
   */
  public void check() {
    if (region == null || !REGION.matcher(region).matches()) {
      throw bad(
          "region", region, "an AWS Region such as us-east-1 (the plan records where it was made)");
    }
    if (endpoint != null) {
      checkEndpoint(endpoint);
    }
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw bad(
          "domain",
          domain,
          "a domain name (2-50 characters: lowercase letters, digits and hyphens, starting with a"
              + " letter)");
    }
    if (domainOwner != null && !ACCOUNT.matcher(domainOwner).matches()) {
      throw bad("domainOwner", domainOwner, "a 12-digit AWS account id");
    }
    if (action == null || !ACTION.matcher(action).matches()) {
      throw bad("action", action, "an action name");
    }
    boolean policy = schemaVersion == POLICY_SCHEMA_VERSION;
    if (policy != policy()) {
      throw new IllegalArgumentException(
          policy
              ? "action '" + cut(action) + "' in a schemaVersion 3 plan: expected 'policy'"
              : "action 'policy' needs schemaVersion 3");
    }
    if (policy && (target == null || !RULE.matcher(target).matches())) {
      throw bad("target", target, "a target name of the policy");
    }
    Map<String, Integer> firstOfPackage = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    String previousPackage = null;
    for (int i = 0; i < versions.size(); i++) {
      Entry e = versions.get(i);
      String at = "versions[" + i + "].";
      if (e.repository() == null || !REPOSITORY.matcher(e.repository()).matches()) {
        throw bad(
            at + "repository",
            e.repository(),
            "a repository name (2-100 characters: letters, digits, '.', '_' and '-', starting with"
                + " a letter or digit)");
      }
      if (e.format() == null) {
        throw new IllegalArgumentException(at + "format is missing");
      }
      if (e.namespace() != null && !NAME.matcher(e.namespace()).matches()) {
        throw bad(at + "namespace", e.namespace(), NAME_RULE);
      }
      if (e.namespace() == null && e.format().namespaceRequired()) {
        throw new IllegalArgumentException(
            at + "namespace is missing: " + e.format() + " packages always have one");
      }
      if (e.namespace() != null && !e.format().hasNamespace()) {
        throw new IllegalArgumentException(
            at + "namespace is set, but " + e.format() + " packages have none");
      }
      if (e.pkg() == null || !NAME.matcher(e.pkg()).matches()) {
        throw bad(at + "package", e.pkg(), NAME_RULE);
      }
      if (e.version() == null || !NAME.matcher(e.version()).matches()) {
        throw bad(at + "version", e.version(), NAME_RULE);
      }
      if (e.status() == null) {
        throw new IllegalArgumentException(at + "status is missing");
      }
      if (e.status() == VersionStatus.DELETED) {
        throw new IllegalArgumentException(
            at + "status is Deleted: a deleted version cannot be acted on");
      }
      if (e.revision() != null && !REVISION.matcher(e.revision()).matches()) {
        throw bad(at + "revision", e.revision(), "a revision (1-50 characters, no whitespace)");
      }
      if (policy) {
        if (e.action() == null || !ENTRY_ACTIONS.contains(e.action())) {
          throw bad(at + "action", e.action(), "delete, archive, unlist or dispose");
        }
        if (e.rule() == null || !RULE.matcher(e.rule()).matches()) {
          throw bad(at + "rule", e.rule(), "a rule name of the policy");
        }
      } else if (e.action() != null || e.rule() != null) {
        throw new IllegalArgumentException(
            at + "action and rule belong to policy plans (schemaVersion 3)");
      }
      String key = e.packageKey();
      Integer twice = seen.putIfAbsent(key + "\u0000" + e.version(), i);
      if (twice != null) {
        throw new IllegalArgumentException(
            "versions["
                + i
                + "] repeats versions["
                + twice
                + "]: "
                + describe(e)
                + " is in the plan twice");
      }
      Integer first = firstOfPackage.putIfAbsent(key, i);
      if (first != null && !key.equals(previousPackage)) {
        throw new IllegalArgumentException(
            "versions["
                + i
                + "]: package "
                + e.repository()
                + " "
                + new PackageId(e.format(), e.namespace(), e.pkg()).display()
                + " appears twice (from versions["
                + first
                + "] and again here)");
      }
      previousPackage = key;
    }
  }

  private static final String NAME_RULE =
      "a name of 1-255 characters, without '#', '/' or whitespace";

  private static void checkEndpoint(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw bad("endpoint", endpoint, "an http:// or https:// URL");
      }
    } catch (URISyntaxException e) {
      throw bad("endpoint", endpoint, "an http:// or https:// URL");
    }
  }

  private static IllegalArgumentException bad(String field, String value, String expected) {
    return new IllegalArgumentException(
        value == null
            ? field + " is missing"
            : field + " '" + cut(value) + "' is not valid: expected " + expected);
  }

  /** Long values are cut in messages: the message must stay one readable line. */
  static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static String describe(Entry e) {
    return e.repository()
        + " "
        + new PackageId(e.format(), e.namespace(), e.pkg()).display()
        + " "
        + cut(e.version());
  }

  /** The plan as selections, one per package, every version selected, in plan order. */
  public List<PackageSelection> selections() {
    return grouped(Entry::packageKey).stream().map(this::selection).toList();
  }

  /**
   * A policy plan as selections, one per package and rule, in plan order: each with its action's
   * wire name and its rule.
   */
  public List<RuleSelection> ruleSelections() {
    return grouped(e -> e.packageKey() + "\u0000" + e.rule()).stream()
        .map(
            entries ->
                new RuleSelection(
                    selection(entries), entries.get(0).action(), entries.get(0).rule()))
        .toList();
  }

  /** The entries grouped by key, groups in the order of their first entry. */
  private List<List<Entry>> grouped(java.util.function.Function<Entry, String> key) {
    Map<String, List<Entry>> groups = new LinkedHashMap<>();
    for (Entry e : versions) {
      groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    return List.copyOf(groups.values());
  }

  /** One package's entries (the first names the package) as a selection, every version selected. */
  private PackageSelection selection(List<Entry> entries) {
    Entry first = entries.get(0);
    List<Decision> decisions =
        entries.stream()
            .map(
                e ->
                    new Decision(
                        new VersionSummary(e.version(), e.revision(), e.status(), Origin.UNKNOWN),
                        true,
                        "in the plan"))
            .toList();
    return new PackageSelection(
        new RepositoryRef(domain, domainOwner, first.repository()),
        new PackageId(first.format(), first.namespace(), first.pkg()),
        null,
        decisions,
        List.of());
  }

  public long packageCount() {
    return selections().size();
  }
}
