package dev.caprune.select;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role to assume before calling CodeArtifact: the command line's {@code --role-arn} or a
 * policy target's {@code roleArn:}, with its external id, session name and duration. Checked with
 * {@link #problem(Names)}, before any call.
 *
 * @param arn {@code arn:aws:iam::222233334444:role/cleanup}
 * @param externalId the external id the role's trust policy asks for, or null
 * @param sessionName the session's name, or null for {@link #defaultSessionName}
 * @param durationSeconds how long each session lasts (900–43200), or null for 3600
 */
public record Role(String arn, String externalId, String sessionName, Integer durationSeconds) {
  /** Any partition; a path; a role name as IAM allows it. */
  private static final Pattern ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::([0-9]{12}):role/"
              + "(/|/[\\x21-\\x7e&&[^/]][\\x21-\\x7e]*/)?([\\w+=,.@-]{1,64})");

  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  /** What is wrong with an option's value, or null; the message does not name the option. */
  public static String arnProblem(String arn) {
    return ARN.matcher(arn).matches()
        ? null
        : "'"
            + AwsNames.cut(arn)
            + "' is not an IAM role ARN, such as arn:aws:iam::222233334444:role/caprune";
  }

  /** What is wrong with an external id, or null. */
  public static String externalIdProblem(String id) {
    return EXTERNAL_ID.matcher(id).matches()
        ? null
        : "'"
            + AwsNames.cut(id)
            + "' is not an external id (2 to 1224 letters, digits and +=,.@:/-_)";
  }

  /** What is wrong with a session name, or null. */
  public static String sessionNameProblem(String name) {
    return SESSION_NAME.matcher(name).matches()
        ? null
        : "'"
            + AwsNames.cut(name)
            + "' is not a role session name (2 to 64 letters, digits and +=,.@-_)";
  }

  /** What is wrong with a duration in seconds, or null. */
  public static String durationProblem(int seconds) {
    return seconds >= 900 && seconds <= 43200
        ? null
        : seconds + " is not a session duration: from 900 to 43200 seconds";
  }

  /**
   * The first problem of this role as given, naming the field by {@code names} (the command line's
   * option names or the policy's keys), or null.
   */
  public String problem(Names names) {
    if (arnProblem(arn) != null) {
      return names.arn() + " " + arnProblem(arn);
    }
    if (externalId != null && externalIdProblem(externalId) != null) {
      return names.externalId() + " " + externalIdProblem(externalId);
    }
    if (sessionName != null && sessionNameProblem(sessionName) != null) {
      return names.sessionName() + " " + sessionNameProblem(sessionName);
    }
    if (durationSeconds != null && durationProblem(durationSeconds) != null) {
      return names.duration() + " " + durationProblem(durationSeconds);
    }
    return null;
  }

  /** The names of the fields, as the user wrote them. */
  public record Names(String arn, String externalId, String sessionName, String duration) {
    public static final Names OPTIONS =
        new Names("--role-arn", "--external-id", "--role-session-name", "--role-duration");
  }

  /** The role's account, known from its ARN. */
  public String account() {
    Matcher m = ARN.matcher(arn);
    return m.matches() ? m.group(2) : null;
  }

  /** {@code caprune-USER}, the user's name cut to what a session name allows. */
  public static String defaultSessionName(String user) {
    String clean = user == null ? "" : user.replaceAll("[^\\w+=,.@-]", "_");
    String name = clean.isEmpty() ? "caprune" : "caprune-" + clean;
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /** The session name to use. */
  public String sessionNameOr(String user) {
    return sessionName != null ? sessionName : defaultSessionName(user);
  }
}
