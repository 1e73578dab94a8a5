package dev.caprune.run;

import dev.caprune.codeartifact.GatewayException;
import dev.caprune.select.Endpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a policy's targets really act, compared before any write: two targets that reach one
 * repository would act on its versions twice, at the same time. Each target's place is canonical,
 * whatever its spelling in the file or where its settings came from:
 *
 * <ul>
 *   <li>the endpoint: its URL (the target's, the command line's, or AWS_ENDPOINT_URL), canonical
 *       ({@link Endpoints#canonical}), else AWS's endpoint in the region the session resolved. One
 *       URL is one server: the region then changes nothing;
 *   <li>the domain and the repositories (literal names against names and globs);
 *   <li>the account that owns the domain: {@code domainOwner}, else learned with one read
 *       (ListRepositoriesInDomain) of the domain's owner as the target's credentials see it.
 * </ul>
 *
 * An owner that cannot be learned leaves two otherwise equal targets ambiguous: refused too.
 */
final class TargetPlaces {
  private final RunContext context;
  private final List<PolicyTarget> targets;
  private final PolicyTarget.Terms terms;
  private final List<Session> sessions;
  private final Map<Integer, String> owners = new HashMap<>();

  TargetPlaces(
      RunContext context,
      List<PolicyTarget> targets,
      PolicyTarget.Terms terms,
      List<Session> sessions) {
    this.context = context;
    this.targets = targets;
    this.terms = terms;
    this.sessions = sessions;
  }

  /** Throws a usage error naming both targets when two of them reach one repository. */
  void requireDistinct() {
    for (int i = 0; i < targets.size(); i++) {
      for (int j = i + 1; j < targets.size(); j++) {
        PolicyTarget a = targets.get(i);
        PolicyTarget b = targets.get(j);
        String both = terms.overlap(a.scope(), b.scope());
        String endpoint = endpoint(i);
        if (both == null || !endpoint.equals(endpoint(j))) {
          continue;
        }
        String ownerA = owner(i, a, b, both);
        String ownerB = owner(j, a, b, both);
        if (ownerA.equals(ownerB)) {
          throw terms.clash(a, b, both, "in account " + ownerA + ", at the endpoint " + endpoint);
        }
      }
    }
  }

  /** Target {@code i}'s endpoint, canonical. */
  String endpoint(int i) {
    Session s = sessions.get(i);
    if (s.settings.endpoint() != null) {
      return Endpoints.canonical(s.settings.endpoint().toString());
    }
    String configured = Plans.environmentEndpoint(context.env());
    if (configured != null) {
      return Endpoints.canonical(configured);
    }
    return Endpoints.regional(Objects.requireNonNullElse(s.gateway.region(), "default"));
  }

  /** The account that owns target {@code i}'s domain; refused as ambiguous when not known. */
  private String owner(int i, PolicyTarget a, PolicyTarget b, String both) {
    String known = owners.get(i);
    if (known != null) {
      return known;
    }
    PolicyTarget t = targets.get(i);
    String owner = t.scope().domainOwner();
    String why = null;
    if (owner == null) {
      try {
        owner = sessions.get(i).gateway.domainOwner(t.scope().domain(), null).orElse(null);
        why = "the domain showed no repository to tell";
      } catch (GatewayException e) {
        why = context.console().oneLine(e.getMessage());
      }
    }
    if (owner == null) {
      throw terms.clash(
          a,
          b,
          both,
          "at one endpoint, and the account of target '"
              + t.name()
              + "' could not be learned ("
              + why
              + "); give both targets their domainOwner, so that caprune can tell whether they are"
              + " one account");
    }
    owners.put(i, owner);
    return owner;
  }
}
