package dev.caprune.cli;

import dev.caprune.run.AwsRequest;
import dev.caprune.run.CapruneException;
import dev.caprune.run.Connection;
import dev.caprune.select.AwsNames;
import dev.caprune.select.Role;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Where and as whom to call CodeArtifact, and how hard; unset options fall back to the SDK's
 * default chains.
 */
public final class AwsOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region).")
  String region;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Named profile from ~/.aws/config or ~/.aws/credentials; beats AWS_ACCESS_KEY_ID and"
              + " AWS_PROFILE, as in the AWS CLI (default: the environment's keys, then"
              + " AWS_PROFILE, then 'default').")
  String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Call this endpoint instead of AWS's, e.g. the URL 'caprune sandbox' prints.")
  String endpointUrl;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description =
          "Assume this IAM role (through STS, from the profile's or the default chain's"
              + " credentials) and call as it, e.g. arn:aws:iam::222233334444:role/caprune.")
  String roleArn;

  @Option(
      names = "--external-id",
      paramLabel = "ID",
      description = "The external id the role's trust policy asks for (with --role-arn).")
  String externalId;

  @Option(
      names = "--role-session-name",
      paramLabel = "NAME",
      description = "The role session's name, seen in CloudTrail (default: caprune-USER).")
  String roleSessionName;

  @Option(
      names = "--role-duration",
      paramLabel = "DURATION",
      description =
          "How long each role session lasts, from 15m to 12h, such as 1h or 3600s (default: 1h;"
              + " caprune assumes the role again before a session ends, so a long run never"
              + " stops for it). The role's own maximum session duration must allow it.")
  String roleDuration;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Packages worked on at once, 1 to 64 (default: 8, and a run that writes adds more, up to"
              + " 32, while its writes wait for a free worker rather than for the write rate).")
  Integer concurrency;

  @Option(
      names = "--max-read-rps",
      paramLabel = "N",
      defaultValue = "800",
      description =
          "Read calls per second at most; each list operation also at most 200 (default:"
              + " ${DEFAULT-VALUE}, AWS's default quota). Reads start there and slow down on the"
              + " first throttle; set it lower if other tools share the account's quota.")
  double maxReadRps;

  @Option(
      names = "--max-write-rps",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Write calls per second at most (default: ${DEFAULT-VALUE}, AWS's default quota)."
              + " Writes start there and slow down on the first throttle; set it lower if other"
              + " tools share the account's quota.")
  double maxWriteRps;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Attempts per call on throttling, 5xx and lost answers (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(
      names = "--attempt-timeout",
      paramLabel = "DURATION",
      // No default value: whether it was given decides what a shorter --call-timeout does.
      description =
          "Longest wait for one HTTP request's complete answer, e.g. 30s, 2m, 500ms (default:"
              + " 30s).")
  String attemptTimeout;

  @Option(
      names = "--call-timeout",
      paramLabel = "DURATION",
      defaultValue = "120s",
      description =
          "Longest time one call may take, its retries included (default: ${DEFAULT-VALUE}).")
  String callTimeout;

  /** The options as given, as a value: checked when the run resolves its connection. */
  AwsRequest request() {
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
        role());
  }

  private Role role() {
    if (roleArn == null) {
      String alone =
          externalId != null
              ? "--external-id"
              : roleSessionName != null
                  ? "--role-session-name"
                  : roleDuration != null ? "--role-duration" : null;
      if (alone != null) {
        throw CapruneException.usage(alone + " goes with --role-arn");
      }
      return null;
    }
    return new Role(roleArn, externalId, roleSessionName, roleDurationSeconds());
  }

  private static final Pattern ROLE_DURATION = Pattern.compile("([0-9]{1,6})(s|m|h)?");

  /** {@code --role-duration} in seconds, or null; bad input is exit 2. */
  private Integer roleDurationSeconds() {
    if (roleDuration == null) {
      return null;
    }
    Matcher m = ROLE_DURATION.matcher(roleDuration.strip());
    if (!m.matches()) {
      throw CapruneException.usage(
          "--role-duration '"
              + AwsNames.cut(roleDuration)
              + "' is not a duration: from 15m to 12h, such as 1h, 90m or 3600s");
    }
    int n = Integer.parseInt(m.group(1));
    int unit =
        m.group(2) == null || m.group(2).equals("s") ? 1 : m.group(2).equals("m") ? 60 : 3600;
    long seconds = (long) n * unit;
    if (Role.durationProblem((int) Math.min(seconds, Integer.MAX_VALUE)) != null) {
      throw CapruneException.usage(
          "--role-duration '"
              + AwsNames.cut(roleDuration)
              + "' is out of range: from 15m to 12h (900 to 43200 seconds)");
    }
    return (int) seconds;
  }

  /** The options' connection, checked; bad input is exit 2. */
  Connection connection() {
    return request().connection();
  }

  /**
   * What is wrong with a region name, or null: the command line's {@code --region} and a policy
   * target's {@code region:} are checked alike.
   */
  static String regionProblem(String region) {
    return AwsRequest.regionProblem(region);
  }

  /**
   * What is wrong with a profile name, or null ({@code --profile}, a target's {@code profile:}).
   */
  static String profileProblem(String profile) {
    return AwsRequest.profileProblem(profile);
  }

  /**
   * An endpoint URL as caprune takes it ({@code --endpoint-url}, a target's {@code endpointUrl:}).
   *
   * @throws IllegalArgumentException saying what is wrong, without naming where it was given
   */
  static URI endpoint(String url) {
    return AwsRequest.endpoint(url);
  }
}
