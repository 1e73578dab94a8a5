package dev.caprune.run;

import dev.caprune.policy.PackageEvent;
import dev.caprune.select.Policy;
import dev.caprune.select.ProtectList;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code caprune policy run}, checked: the policy, the targets chosen with their connections, and
 * how safely.
 *
 * @param label the policy file, for the report, the prompt and the warnings
 * @param protect the policy's protect file (its lines that matched nothing are said)
 * @param deleteEmptyPackages the policy's: after a target's deletes, its emptied packages
 * @param terms the policy file's words for what the run finds about its targets
 * @param strict a keep rule or protect line that matched nothing is an error before any write
 * @param max the stricter of the policy's {@code max} and {@code --max}, or null
 * @param savePlan {@code --save-plan}, or null
 * @param protections the policy's protectDependencies, dependentsFrom and protectLockfiles
 * @param event {@code --event}: the one package to run the policy on, or null for every package
 */
public record PolicyRunRequest(
    String label,
    Policy policy,
    ProtectList protect,
    boolean deleteEmptyPackages,
    List<PolicyTarget> targets,
    PolicyTarget.Terms terms,
    boolean strict,
    boolean dryRun,
    boolean explain,
    boolean yes,
    Integer max,
    Path savePlan,
    SizeRequest sizes,
    Output output,
    dev.caprune.depend.Protections protections,
    PackageEvent event) {

  public PolicyRunRequest {
    targets = List.copyOf(targets);
  }

  /** This request on an event's targets alone, with the rules that apply to its package. */
  PolicyRunRequest narrowed(Policy rules, List<PolicyTarget> matched) {
    return new PolicyRunRequest(
        label,
        rules,
        protect,
        deleteEmptyPackages,
        matched,
        terms,
        strict,
        dryRun,
        explain,
        yes,
        max,
        savePlan,
        sizes,
        output,
        protections,
        event);
  }
}
