package dev.caprune.select;

import java.util.List;

/**
 * Where to look: a domain and the repositories, each a literal name or a glob.
 *
 * @param domain the domain name
 * @param domainOwner the owning account, or null for the caller's
 * @param repositories repository names or globs; any match
 */
public record Scope(String domain, String domainOwner, List<Matcher> repositories) {
  public Scope {
    repositories = List.copyOf(repositories);
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
