package dev.caprune.run;

import dev.caprune.select.Scope;
import java.util.Map;

/**
 * One target of a policy as its run needs it: the policy file's target with its connection resolved
 * (the command line's options under the target's region, profile and endpoint).
 *
 * @param region null for the command line's or the default chain's
 * @param profile null for the command line's or the default chain's
 * @param endpointUrl null for the command line's or AWS's own
 * @param places where each of its fields was written; the key {@code ""} is the target itself
 */
public record PolicyTarget(
    String name,
    Scope scope,
    String region,
    String profile,
    String endpointUrl,
    Map<String, Place> places,
    Connection connection) {

  public PolicyTarget {
    places = Map.copyOf(places);
  }

  /** Where {@code field} was written, else where the target was (a field it does not have). */
  public Place at(String field) {
    return places.getOrDefault(field, places.get(""));
  }

  /**
   * Where a value was written in the policy file.
   *
   * @param location {@code retention.yaml:9:14}
   * @param path {@code targets[1].profile}
   */
  public record Place(String location, String path) {
    /** A usage error about the value: {@code retention.yaml:9:14: targets[1].profile: message}. */
    public CapruneException error(String message) {
      return CapruneException.usage(this + ": " + message);
    }

    @Override
    public String toString() {
      return location + ": " + path;
    }
  }

  /** The policy file's own words for what the run finds about its targets. */
  public interface Terms {
    /** A repository both scopes name in one domain, as {@code domain/repository}, or null. */
    String overlap(Scope a, Scope b);

    /** Two targets that would act on one repository at the same time, said at the second. */
    RuntimeException clash(PolicyTarget first, PolicyTarget second, String repository, String how);

    /** A command-line check's message in the policy file's terms, for the field at {@code path}. */
    String inPolicyTerms(String message, String path);
  }
}
