package dev.caprune.sandbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The constraints of one string shape of the service model: pattern, length range, or enum. Checks
 * a value and answers an AWS-style "failed to satisfy constraint" message.
 */
record Shape(Pattern pattern, int min, int max, List<String> values) {
  static final List<String> FORMATS =
      List.of("npm", "pypi", "maven", "nuget", "generic", "ruby", "swift", "cargo");
  static final List<String> STATUSES =
      List.of("Published", "Unfinished", "Unlisted", "Archived", "Disposed", "Deleted");
  static final List<String> ORIGIN_TYPES = List.of("INTERNAL", "EXTERNAL", "UNKNOWN");

  static final Shape DOMAIN = pattern("[a-z][a-z0-9\\-]{0,48}[a-z0-9]", 2, 50);
  static final Shape ACCOUNT = pattern("[0-9]{12}", 12, 12);
  static final Shape REPOSITORY = pattern("[A-Za-z0-9][A-Za-z0-9._\\-]{1,99}", 2, 100);
  static final Shape NAME = pattern("[^#/\\s]+", 1, 255);
  static final Shape REVISION = pattern("\\S+", 1, 50);
  static final Shape TOKEN = pattern("\\S+", 1, 2000);
  static final Shape ASSET_NAME = pattern("\\P{C}+", 1, 255);
  static final Shape FORMAT = oneOf(FORMATS);
  static final Shape STATUS = oneOf(STATUSES);
  static final Shape ORIGIN_TYPE = oneOf(ORIGIN_TYPES);
  static final Shape SORT = oneOf(List.of("PUBLISHED_TIME"));
  static final Shape BOOLEAN = oneOf(List.of("true", "false"));
  static final Shape ALLOW_BLOCK = oneOf(List.of("ALLOW", "BLOCK"));

  static Shape pattern(String regex, int min, int max) {
    return new Shape(Pattern.compile(regex), min, max, null);
  }

  static Shape oneOf(List<String> values) {
    return new Shape(null, 0, Integer.MAX_VALUE, values);
  }

  /** Null when the value fits, else the constraint it breaks, in AWS's words. */
  String violation(String value) {
    if (values != null) {
      return values.contains(value) ? null : "Member must satisfy enum value set: " + values;
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      return "Member must have length greater than or equal to " + min;
    }
    if (length > max) {
      return "Member must have length less than or equal to " + max;
    }
    if (!pattern.matcher(value).matches()) {
      return "Member must satisfy regular expression pattern: " + pattern.pattern();
    }
    return null;
  }

  /** Throws ValidationException when {@code value}, found at {@code member}, breaks the shape. */
  void check(String member, String value) {
    String v = violation(value);
    if (v != null) {
      throw ApiException.validation(failed(member, "'" + value + "'", v));
    }
  }

  static String failed(String member, String shownValue, String constraint) {
    return "1 validation error detected: Value "
        + shownValue
        + " at '"
        + member
        + "' failed to satisfy constraint: "
        + constraint;
  }
}
