package dev.caprune.run;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.policy.PackageEvent;
import dev.caprune.select.Matcher;
import java.util.Optional;

/**
 * Whether a policy target is for a publish event's package: its domain, region, repository and
 * account.
 */
final class EventMatch {
  private EventMatch() {}

  /**
   * Why {@code t} is not for the event's package, or null when it is. Names first (no call), then
   * the region its session calls, then the account: the target's {@code domainOwner}, else its
   * role's account, else its domain's owner as the caller sees it (one ListRepositoriesInDomain
   * call of one result, made only when everything else matched).
   */
  static String miss(PolicyTarget t, Session session, PackageEvent event) {
    if (!t.scope().domain().equals(event.domain())) {
      return "domain " + t.scope().domain();
    }
    String region = session.gateway.region();
    if (region == null || !region.equals(event.region())) {
      return "region " + (region == null ? "unknown" : region);
    }
    boolean repository = false;
    for (Matcher m : t.scope().repositories()) {
      // The event's name is matched as a name against the target's globs, never the other way.
      repository |= m.matches(event.repository());
    }
    if (!repository) {
      return "repositories " + t.scope().repositories().stream().map(Matcher::source).toList();
    }
    String owner = t.scope().domainOwner();
    if (owner == null && t.connection().settings().role() != null) {
      owner = t.connection().settings().role().account();
    }
    if (owner == null) {
      try {
        Optional<String> seen = session.gateway.domainOwner(event.domain(), null);
        if (seen.isEmpty()) {
          return "account unknown (domain " + event.domain() + " has no repository)";
        }
        owner = seen.get();
      } catch (GatewayException e) {
        if (e.kind() == GatewayException.Kind.NOT_FOUND) {
          return "no domain " + event.domain() + " in the caller's account";
        }
        throw e;
      }
    }
    if (!owner.equals(event.domainOwner())) {
      return "account " + owner;
    }
    return null;
  }
}
