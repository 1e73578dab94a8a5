package dev.caprune.select;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where to look: a domain and the repositories, each a literal name or a glob.
 *
 * @param domain the domain name
 * @param domainOwner the owning account, or null for the caller's
 * @param repositories repository names or globs; any match
 */
public record Scope(String domain, String domainOwner, List<Matcher> repositories) {
  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9\\-]{0,48}[a-z0-9]");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{1,99}");
  private static final Pattern REPOSITORY_GLOB = Pattern.compile("[A-Za-z0-9._\\-*?]{1,100}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  public Scope {
    repositories = List.copyOf(repositories);
  }

  /**
   * A scope as the user wrote it, checked against CodeArtifact's naming rules before any call.
   *
   * @throws BadFilter naming the option of the first name that is wrong
   */
  public static Scope of(String domain, String domainOwner, List<String> repositories) {
    checkDomain(domain);
    if (domainOwner != null) {
      checkDomainOwner(domainOwner);
    }
    List<Matcher> repos = new ArrayList<>();
    for (String r : repositories) {
      repos.add(repository(r));
    }
    return new Scope(domain, domainOwner, repos);
  }

  /** Checks a domain name ({@code --domain}). */
  public static void checkDomain(String domain) {
    if (!DOMAIN.matcher(domain).matches()) {
      throw new BadFilter(
          "--domain",
          "--domain "
              + Names.quote(domain)
              + " is not a valid domain name (2-50 characters: lowercase letters, digits and"
              + " hyphens, starting with a letter)");
    }
  }

  /** Checks the account that owns a domain ({@code --domain-owner}). */
  public static void checkDomainOwner(String domainOwner) {
    if (!ACCOUNT.matcher(domainOwner).matches()) {
      throw new BadFilter(
          "--domain-owner",
          "--domain-owner " + Names.quote(domainOwner) + " is not a 12-digit AWS account id");
    }
  }

  /** A repository name or glob ({@code --repository}), checked. */
  public static Matcher repository(String r) {
    boolean glob = r.contains("*") || r.contains("?");
    if (glob ? !REPOSITORY_GLOB.matcher(r).matches() : !REPOSITORY.matcher(r).matches()) {
      throw new BadFilter(
          "--repository",
          "--repository "
              + Names.quote(r)
              + " is not a valid repository name or glob (2-100 characters: letters, digits,"
              + " '.', '_' and '-', starting with a letter or digit; '*' and '?' for globs)");
    }
    return Matcher.glob(r);
  }

  /** Whether every repository is named literally (no listing of the domain needed). */
  public boolean literal() {
    return repositories.stream().allMatch(m -> m instanceof Matcher.Glob g && g.literal());
  }

  /** For messages: {@code acme/releases} or {@code acme/{releases,snap*}}. */
  @Override
  public String toString() {
    List<String> names = repositories.stream().map(Matcher::source).toList();
    return domain + "/" + (names.size() == 1 ? names.get(0) : "{" + String.join(",", names) + "}");
  }
}
