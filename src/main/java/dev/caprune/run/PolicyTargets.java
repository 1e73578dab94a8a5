package dev.caprune.run;

import dev.caprune.policy.PolicyFile;
import dev.caprune.select.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy file's targets as a run needs them: each with its connection resolved (the given AWS
 * settings with the target's region, profile, endpoint and role over them), and the file's words
 * for what the run finds about them. One place for the command line and the Lambda handler.
 */
public final class PolicyTargets {
  private PolicyTargets() {}

  /** The targets, each with the settings {@code aws} under its own. */
  public static List<PolicyTarget> resolve(List<PolicyFile.Target> targets, AwsRequest aws) {
    List<PolicyTarget> resolved = new ArrayList<>();
    for (PolicyFile.Target t : targets) {
      Connection connection =
          aws.over(t.region(), t.profile(), t.endpointUrl(), t.role()).connection();
      Map<String, PolicyTarget.Place> places = new HashMap<>();
      t.places().forEach((k, v) -> places.put(k, new PolicyTarget.Place(v.location(), v.path())));
      resolved.add(
          new PolicyTarget(
              t.name(), t.scope(), t.region(), t.profile(), t.endpointUrl(), places, connection));
    }
    return resolved;
  }

  /** The policy file's words, for what a run finds about its targets. */
  public static final PolicyTarget.Terms TERMS =
      new PolicyTarget.Terms() {
        @Override
        public String overlap(Scope a, Scope b) {
          return PolicyFile.overlap(a, b);
        }

        @Override
        public RuntimeException clash(
            PolicyTarget first, PolicyTarget second, String repository, String how) {
          return PolicyFile.clash(target(first), target(second), repository, how);
        }

        @Override
        public String inPolicyTerms(String message, String path) {
          return PolicyFile.inPolicyTerms(message, path);
        }
      };

  /** The reader's target again, for the reader's messages about it. */
  private static PolicyFile.Target target(PolicyTarget t) {
    Map<String, PolicyFile.Place> places = new HashMap<>();
    t.places().forEach((k, v) -> places.put(k, new PolicyFile.Place(v.location(), v.path())));
    return new PolicyFile.Target(
        t.name(), t.scope(), t.region(), t.profile(), t.endpointUrl(), places);
  }
}
