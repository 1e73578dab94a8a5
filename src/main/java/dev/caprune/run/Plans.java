package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.Regions;
import dev.caprune.report.PlanFile;
import dev.caprune.select.Action;
import dev.caprune.select.Endpoints;
import dev.caprune.select.PackageSelection;
import dev.caprune.select.Plan;
import dev.caprune.select.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads and makes plans; any problem with a plan file is bad input. */
public final class Plans {
  private static final String[] ENDPOINT_PROPERTIES = {
    "aws.endpointUrlCodeartifact", "aws.endpointUrl"
  };
  private static final String[] ENDPOINT_VARIABLES = {
    "AWS_ENDPOINT_URL_CODEARTIFACT", "AWS_ENDPOINT_URL"
  };

  private Plans() {}

  /**
   * The plan of {@code selections}, bound to where they were listed: the region (resolved as the
   * SDK resolves it), the endpoint (null for AWS's own) and the domain's owner.
   */
  public static Plan of(
      RunContext context,
      AwsSettings settings,
      Scope where,
      Action action,
      List<PackageSelection> selections) {
    String region = Regions.resolve(settings, context.env());
    if (region == null) {
      throw CapruneException.usage(
          "--save-plan: no region is set (--region, AWS_REGION, AWS_DEFAULT_REGION or the profile's region), and a"
              + " plan records the region it was made for");
    }
    String endpoint =
        settings.endpoint() != null
            ? settings.endpoint().toString()
            : environmentEndpoint(context.env());
    return Plan.of(
        context.version().get(),
        // Whole seconds: a plan's time is read by people (plan show), not compared in ns.
        context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        region,
        endpoint,
        where.domain(),
        owner(where, selections),
        action.wire(),
        selections);
  }

  /**
   * The domain's owner: {@code --domain-owner}, else the one account the listed repositories name,
   * else null (not known without a call).
   */
  public static String owner(Scope where, List<PackageSelection> selections) {
    if (where.domainOwner() != null) {
      return where.domainOwner();
    }
    List<String> owners =
        selections.stream()
            .map(s -> s.repository().domainOwner())
            .filter(java.util.Objects::nonNull)
            .distinct()
            .toList();
    return owners.size() == 1 ? owners.get(0) : null;
  }

  /**
   * An endpoint the SDK would take from the environment or system properties ({@code
   * AWS_ENDPOINT_URL_CODEARTIFACT}, {@code AWS_ENDPOINT_URL}), or null.
   */
  public static String environmentEndpoint(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      return null;
    }
    for (String p : ENDPOINT_PROPERTIES) {
      String v = System.getProperty(p);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    for (String e : ENDPOINT_VARIABLES) {
      String v = env.get(e);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** Long values are cut in messages. */
  public static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** Two endpoint URLs name the same endpoint: case of scheme and host, a trailing '/'. */
  public static boolean sameEndpoint(String a, String b) {
    return Endpoints.canonical(a).equals(Endpoints.canonical(b));
  }

  public static Plan read(Path file) {
    try {
      return PlanFile.read(file);
    } catch (PlanFile.InvalidPlanException e) {
      throw CapruneException.usage(e.getMessage());
    }
  }
}
