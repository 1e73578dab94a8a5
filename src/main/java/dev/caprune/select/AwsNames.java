package dev.caprune.select;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Where and as whom to call, checked before any call: the command line's {@code --region}, {@code
 * --profile} and {@code --endpoint-url} and a policy target's {@code region:}, {@code profile:} and
 * {@code endpointUrl:} alike. Each problem is said without naming where the value was given.
 */
public final class AwsNames {
  private AwsNames() {}

  /**
   * AWS Region names in every partition: {@code us-east-1}, {@code us-gov-west-1}, {@code
   * cn-north-1}, {@code eu-isoe-west-1}, {@code us-isob-east-1}, {@code eusc-de-east-1}.
   */
  private static final Pattern REGION = Pattern.compile("[a-z]{2,8}(-[a-z]{1,16}){1,4}-[0-9]{1,3}");

  /** What is wrong with a region name, or null. */
  public static String regionProblem(String region) {
    return REGION.matcher(region).matches()
        ? null
        : "'" + cut(region) + "' is not an AWS Region name (such as us-east-1 or eu-central-1)";
  }

  /** What is wrong with a profile name, or null. */
  public static String profileProblem(String profile) {
    return validProfile(profile)
        ? null
        : "'"
            + cut(profile)
            + "' is not a profile name (empty, too long, or with spaces, brackets or control"
            + " characters)";
  }

  private static boolean validProfile(String name) {
    if (name.isEmpty() || name.length() > 256) {
      return false;
    }
    return name.codePoints()
        .noneMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.isSpaceChar(c)
                    || c == '['
                    || c == ']');
  }

  /**
   * An endpoint URL as caprune takes it: http or https, a host, no user, query or fragment.
   *
   * @throws IllegalArgumentException saying what is wrong, without naming where it was given
   */
  public static URI endpoint(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("'" + cut(url) + "' is not an http:// or https:// URL");
      }
      if (uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        // Not echoed: the user part may hold a password.
        throw new IllegalArgumentException(
            "must be scheme://host[:port][/path], with no user, query or fragment");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + cut(url) + "' is not a URL: " + e.getReason());
    }
  }

  /** A value short enough for a one-line message. */
  public static String cut(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
