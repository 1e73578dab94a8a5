package dev.caprune.select;

/**
 * One repository in a domain.
 *
 * @param domain the domain name
 * @param domainOwner the 12-digit account that owns the domain, or null for the caller's account
 * @param repository the repository name
 */
public record RepositoryRef(String domain, String domainOwner, String repository) {
  @Override
  public String toString() {
    return domain + "/" + repository;
  }
}
