package dev.caprune.report;

/**
 * Where a run acted, as recorded in its report.
 *
 * @param domain the domain
 * @param account the domain owner's account ID, or null when it could not be learnt
 * @param region the region the calls went to
 */
public record Where(String domain, String account, String region) {
  public static Where of(String domain) {
    return new Where(domain, null, null);
  }
}
