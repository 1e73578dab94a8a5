package dev.caprune.cli;

import dev.caprune.execute.VersionScan;
import dev.caprune.policy.PackageEvent;
import dev.caprune.policy.PolicyFile;
import dev.caprune.report.OutputFormat;
import dev.caprune.run.ActionRequest;
import dev.caprune.run.AwsRequest;
import dev.caprune.run.CapruneException;
import dev.caprune.run.Confirmation;
import dev.caprune.run.Connection;
import dev.caprune.run.Output;
import dev.caprune.run.PolicyRunRequest;
import dev.caprune.run.PolicyTarget;
import dev.caprune.run.PolicyTargets;
import dev.caprune.run.SelectionChecks;
import dev.caprune.run.SizeRequest;
import dev.caprune.select.Action;
import dev.caprune.select.Criteria;
import dev.caprune.select.Scope;
import dev.caprune.select.TimeWindow;
import dev.caprune.select.VersionStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The one step from parsed options to the immutable requests the runs take, each option checked
 * once, in the order its command has always checked them (the first mistake is the one said).
 */
final class Requests {
  private Requests() {}

  /** An action command's request. */
  static ActionRequest action(CliContext context, ActionCommand c) {
    Action action = c.action();
    Criteria criteria = c.filters.criteria(context.clock(), c.protectsLatest());
    // A lockfile that cannot be read: exit 2. Restore harms nothing, and protects nothing.
    var protections =
        action == Action.RESTORE ? dev.caprune.depend.Protections.NONE : c.filters.protections();
    Scope where = c.scope.scope();
    Connection connection = c.aws.connection();
    ActionOptions safety = c.safety;
    if (!c.all && !criteria.narrows()) {
      throw CapruneException.usage(
          "refusing to "
              + action.wire()
              + " every version in "
              + where
              + ": add a filter (--package, --version, --status, ...) or pass --all"
              + (criteria.window().unbounded() ? "" : TimeWindow.NO_FILTER_NOTE));
    }
    if (safety.explain && !safety.dryRun) {
      throw CapruneException.usage(
          "--explain goes with --dry-run: it shows why, and changes nothing");
    }
    Set<VersionStatus> defaults = c.defaultStatuses();
    if (criteria.statuses().isEmpty() && !defaults.isEmpty()) {
      // The action's own default, applied after the --all check: it is not the user's filter.
      criteria = withStatuses(criteria, defaults);
    }
    Confirmation.checkMaxOption(safety.max);
    SizeRequest sizes = c.sizes.request();
    sizes.price(); // checked before any call
    boolean savePlan = c.plans.savePlan != null;
    if (sizes.on() && (safety.explain || savePlan)) {
      throw CapruneException.usage(
          "--sizes goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    if (c.deleteEmptyPackages() && (safety.explain || savePlan)) {
      throw CapruneException.usage(
          "--delete-empty-packages goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    if (savePlan && (safety.dryRun || safety.yes)) {
      throw CapruneException.usage(
          "--save-plan changes nothing and asks nothing: it cannot go with --dry-run or --yes");
    }
    if (savePlan && c.output.format != OutputFormat.table && c.output.format != OutputFormat.json) {
      throw CapruneException.usage("--save-plan shows the plan as -o table or -o json");
    }
    return new ActionRequest(
        action,
        where,
        criteria,
        checks(c.filters),
        connection,
        safety.dryRun,
        safety.explain,
        safety.yes,
        safety.max,
        c.plans.savePlan,
        output(context, c.output, c.longTable),
        sizes,
        c.deleteEmptyPackages(),
        c.expectedStatus(),
        protections);
  }

  /** {@code caprune policy run}'s request: the policy read, its targets chosen and resolved. */
  static PolicyRunRequest policyRun(CliContext context, PolicyRunCommand c) {
    PolicyFile.Loaded loaded = PolicyFile.read(c.file, context.clock());
    List<PolicyFile.Target> targets = chosen(loaded, c.only);
    // Read and checked before any call: a malformed event is exit 2 and calls nothing.
    PackageEvent event =
        c.event == null ? null : PackageEvent.read(c.event, context.stdin(), "--event " + c.event);
    ActionOptions safety = c.safety;
    if (safety.explain && !safety.dryRun) {
      throw CapruneException.usage(
          "--explain goes with --dry-run: it shows why, and changes nothing");
    }
    Path savePlan = c.plans.savePlan;
    if (savePlan != null && (safety.dryRun || safety.yes)) {
      throw CapruneException.usage(
          "--save-plan changes nothing and asks nothing: it cannot go with --dry-run or --yes");
    }
    if (savePlan != null
        && c.output.format != OutputFormat.table
        && c.output.format != OutputFormat.json) {
      throw CapruneException.usage("--save-plan shows the plan as -o table or -o json");
    }
    Confirmation.checkMaxOption(safety.max);
    SizeRequest sizes = c.sizes.request();
    sizes.price(); // checked before any call
    if (sizes.on() && (safety.explain || savePlan != null)) {
      throw CapruneException.usage(
          "--sizes goes with a run or a dry run, not with "
              + (safety.explain ? "--explain" : "--save-plan"));
    }
    // The stricter of the policy's max and --max, over the whole run.
    Integer max = loaded.max();
    if (safety.max != null && (max == null || safety.max < max)) {
      max = safety.max;
    }
    AwsRequest aws = c.aws.request();
    List<PolicyTarget> resolved = PolicyTargets.resolve(targets, aws);
    return new PolicyRunRequest(
        c.file.toString(),
        loaded.policy(),
        loaded.protect(),
        loaded.deleteEmptyPackages(),
        resolved,
        PolicyTargets.TERMS,
        c.strict,
        safety.dryRun,
        safety.explain,
        safety.yes,
        max,
        savePlan,
        sizes,
        // No summed-up table for a policy: --long is an action's option.
        new Output(c.output.format, c.output.color(context), false, c.output.query()),
        loaded.protections(),
        event);
  }

  private static List<PolicyFile.Target> chosen(PolicyFile.Loaded loaded, List<String> only) {
    if (only.isEmpty()) {
      return loaded.targets();
    }
    List<String> names = loaded.targets().stream().map(PolicyFile.Target::name).toList();
    for (String n : only) {
      if (!names.contains(n)) {
        throw CapruneException.usage(
            "--target "
                + n
                + ": the policy has no such target (it has "
                + String.join(", ", names)
                + ")");
      }
    }
    return loaded.targets().stream().filter(t -> only.contains(t.name())).toList();
  }

  /** How the report is written: {@code -o}, colours, and a big run summed up unless --long. */
  static Output output(CliContext context, OutputOptions output, boolean longTable) {
    return new Output(
        output.format,
        output.color(context),
        !longTable && context.terminal().stdout(),
        output.query());
  }

  /** The filters' checks after listing, as the run calls them. */
  private static SelectionChecks checks(FilterOptions filters) {
    return new SelectionChecks() {
      @Override
      public boolean beforeWriting() {
        return filters.checkBeforeWriting();
      }

      @Override
      public void protectRules(Criteria criteria) {
        filters.checkProtectRules(criteria);
      }

      @Override
      public void packages(
          List<VersionScan.MissingPackage> missing,
          List<VersionScan.MissingVersion> missingVersions,
          String where) {
        filters.checkPackages(missing, missingVersions, where);
      }
    };
  }

  /** {@code criteria} selecting {@code statuses}: an action's default, not the user's filter. */
  private static Criteria withStatuses(Criteria c, Set<VersionStatus> statuses) {
    Criteria.Builder b = c.toBuilder();
    statuses.forEach(b::status);
    return b.build();
  }
}
