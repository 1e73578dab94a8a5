package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.execute.Limits;
import dev.caprune.select.AwsNames;
import dev.caprune.select.Role;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The AWS options as given ({@code --region}, {@code --concurrency}...), checked when a run
 * resolves its {@link Connection}: a policy target's or a plan's place may stand in for the region,
 * profile and endpoint first. {@code attemptTimeout} is null when {@code --attempt-timeout} was not
 * given: then it is 30 s, or the call timeout when that is shorter. {@code concurrency} is null
 * when {@code --concurrency} was not given: then a run starts with {@link #DEFAULT_CONCURRENCY}
 * packages at once and a run that writes may grow to {@link #MAX_DEFAULT_CONCURRENCY}.
 */
public record AwsRequest(
    String region,
    String profile,
    String endpointUrl,
    Integer concurrency,
    double maxReadRps,
    double maxWriteRps,
    int maxAttempts,
    String attemptTimeout,
    String callTimeout,
    Role role) {

  /** Without a role to assume. */
  public AwsRequest(
      String region,
      String profile,
      String endpointUrl,
      Integer concurrency,
      double maxReadRps,
      double maxWriteRps,
      int maxAttempts,
      String attemptTimeout,
      String callTimeout) {
    this(
        region,
        profile,
        endpointUrl,
        concurrency,
        maxReadRps,
        maxWriteRps,
        maxAttempts,
        attemptTimeout,
        callTimeout,
        null);
  }

  /**
   * AWS Region names in every partition: {@code us-east-1}, {@code us-gov-west-1}, {@code
   * cn-north-1}, {@code eu-isoe-west-1}, {@code us-isob-east-1}, {@code eusc-de-east-1}.
   */
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

  private static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofHours(1);
  private static final Duration MAX_CALL_TIMEOUT = Duration.ofHours(24);

  /** A policy target's region, profile and endpoint over these, where it gives them. */
  public AwsRequest over(String region, String profile, String endpointUrl) {
    return over(region, profile, endpointUrl, null);
  }

  /**
   * A policy target's region, profile, endpoint and role over these, where it gives them (its role,
   * checked when the policy was read, wins over {@code --role-arn}).
   */
  public AwsRequest over(String region, String profile, String endpointUrl, Role role) {
    return new AwsRequest(
        region != null ? region : this.region,
        profile != null ? profile : this.profile,
        endpointUrl != null ? endpointUrl : this.endpointUrl,
        concurrency,
        maxReadRps,
        maxWriteRps,
        maxAttempts,
        attemptTimeout,
        callTimeout,
        role != null ? role : this.role);
  }

  /** Bound to a plan's place: its region and its endpoint (null: AWS's own). */
  public AwsRequest boundTo(String region, String endpointUrl) {
    return new AwsRequest(
        region,
        profile,
        endpointUrl,
        concurrency,
        maxReadRps,
        maxWriteRps,
        maxAttempts,
        attemptTimeout,
        callTimeout,
        role);
  }

  /** {@code --concurrency}'s default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /**
   * Without {@code --concurrency}, how many packages a run that writes may come to work on at once
   * while its writes wait for a worker rather than for the write rate (calls that answer slowly).
   */
  public static final int MAX_DEFAULT_CONCURRENCY = 32;

  /** {@code --max-attempts}'s default. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** {@code --call-timeout}'s default. */
  public static final String DEFAULT_CALL_TIMEOUT = "120s";

  /**
   * The command line's defaults, as when no option is given: what a run without a command line (the
   * Lambda handler) uses.
   */
  public static AwsRequest defaults() {
    return new AwsRequest(
        null,
        null,
        null,
        null, // --concurrency not given: DEFAULT_CONCURRENCY, growing to MAX_DEFAULT_CONCURRENCY
        Limits.DEFAULT_READS,
        Limits.DEFAULT_WRITES,
        DEFAULT_MAX_ATTEMPTS,
        null,
        DEFAULT_CALL_TIMEOUT);
  }

  /** The slowest pace a rate option may set: one call every ten seconds. */
  static final double MIN_RPS = 0.1;

  /** The fastest: far above any quota, and finite. */
  static final double MAX_RPS = 100_000;

  /** The connection these options describe; bad input is exit 2. */
  public Connection connection() {
    AwsSettings settings = settings();
    Limits limits = Limits.of(maxReadRps, maxWriteRps);
    return concurrency == null
        ? new Connection(settings, limits, DEFAULT_CONCURRENCY, MAX_DEFAULT_CONCURRENCY)
        : new Connection(settings, limits, concurrency);
  }

  private AwsSettings settings() {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw CapruneException.usage("--max-attempts must be between 1 and 20, not " + maxAttempts);
    }
    if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
      throw CapruneException.usage("--concurrency must be between 1 and 64, not " + concurrency);
    }
    for (var rps :
        java.util.List.of(
            java.util.Map.entry("--max-read-rps", maxReadRps),
            java.util.Map.entry("--max-write-rps", maxWriteRps))) {
      // Below 0.1 a call a second is no pace at all; an infinite one is no cap.
      if (!(rps.getValue() >= MIN_RPS && rps.getValue() <= MAX_RPS)) {
        throw CapruneException.usage(
            rps.getKey()
                + " must be from "
                + MIN_RPS
                + " to "
                + (long) MAX_RPS
                + " calls a second, not "
                + rps.getValue());
      }
    }
    if (region != null && regionProblem(region) != null) {
      throw CapruneException.usage("--region " + regionProblem(region));
    }
    if (profile != null && profileProblem(profile) != null) {
      throw CapruneException.usage("--profile " + profileProblem(profile));
    }
    if (role != null && role.problem(Role.Names.OPTIONS) != null) {
      throw CapruneException.usage(role.problem(Role.Names.OPTIONS));
    }
    Duration call = timeout("--call-timeout", callTimeout, MAX_CALL_TIMEOUT);
    if (attemptTimeout == null) {
      // Not given: a shorter call timeout lowers the default attempt timeout to it.
      Duration attempt =
          AwsSettings.DEFAULT_ATTEMPT_TIMEOUT.compareTo(call) > 0
              ? call
              : AwsSettings.DEFAULT_ATTEMPT_TIMEOUT;
      return new AwsSettings(region, profile, endpoint(), maxAttempts, attempt, call, role);
    }
    Duration attempt = timeout("--attempt-timeout", attemptTimeout, MAX_ATTEMPT_TIMEOUT);
    if (attempt.compareTo(call) > 0) {
      throw CapruneException.usage(
          "--attempt-timeout ("
              + attemptTimeout
              + ") cannot be longer than --call-timeout ("
              + callTimeout
              + ")");
    }
    return new AwsSettings(region, profile, endpoint(), maxAttempts, attempt, call, role);
  }

  /** What is wrong with a region name, or null ({@link AwsNames#regionProblem}). */
  public static String regionProblem(String region) {
    return AwsNames.regionProblem(region);
  }

  /** What is wrong with a profile name, or null ({@link AwsNames#profileProblem}). */
  public static String profileProblem(String profile) {
    return AwsNames.profileProblem(profile);
  }

  /**
   * A duration such as {@code 30s}, {@code 2m}, {@code 1h} or {@code 500ms}; bare numbers are
   * seconds.
   */
  public static Duration timeout(String option, String text, Duration max) {
    java.util.regex.Matcher m = DURATION.matcher(text == null ? "" : text.strip());
    Duration d = null;
    if (m.matches() && m.group(1).length() <= 9) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
          };
    }
    if (d == null || d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(max) > 0) {
      throw CapruneException.usage(
          option
              + " '"
              + AwsNames.cut(String.valueOf(text))
              + "' must be a duration from 100ms to "
              + max.toHours()
              + "h, such as 30s, 2m or 500ms");
    }
    return d;
  }

  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");

  private URI endpoint() {
    if (endpointUrl == null) {
      return null;
    }
    try {
      return endpoint(endpointUrl);
    } catch (IllegalArgumentException e) {
      throw CapruneException.usage("--endpoint-url " + e.getMessage());
    }
  }

  /** An endpoint URL as caprune takes it ({@link AwsNames#endpoint}). */
  public static URI endpoint(String url) {
    return AwsNames.endpoint(url);
  }
}
