package dev.caprune.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masking and escaping of what is shown, apart from {@link Logging} so that using it (error lines
 * of usage errors) loads nothing of Log4j.
 */
public final class Redaction {
  private Redaction() {}

  /**
   * Secrets a message may carry as {@code name: value} or {@code name=value} (headers, canonical
   * requests, query strings, JSON, properties): the value is masked. A value ends at a backslash
   * too, so that a message already escaped (a {@code \\n} in it) is masked alike.
   */
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)((?:x-amz-)?(?:security|session)[-_.]?token|secret[-_.]?(?:access[-_.]?)?key"
              + "|x-amz-signature|\\bsignature)(\"?'?\\s*[:=]\\s*\"?'?)[^\\s\\\\\"'&,;)\\]}]+");

  /** An {@code Authorization} header's value: the scheme stays, the rest is masked. */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)(\\bauthorization\"?'?\\s*[:=]\\s*\"?'?)(?:([A-Za-z0-9][A-Za-z0-9-]*) +)?[^\\r\\n\\\\\"']+");

  public static final String REDACTED = "<redacted>";

  /** The environment variables and system properties that hold credential values. */
  private static final String[] SECRET_VARIABLES = {
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"
  };

  private static final String[] SECRET_PROPERTIES = {"aws.secretAccessKey", "aws.sessionToken"};

  /**
   * A message as it may be shown: credentials masked, and every control, escape and bidi character
   * made visible ({@link Escapes#escape}), so a service's message stays data. The one path every
   * log line takes ({@link LogConfiguration}'s layout, and {@link LazySlf4j} for every SLF4J
   * message, so that a user's own Log4j configuration gets them clean too).
   */
  public static String clean(String message) {
    return Escapes.escape(redact(message));
  }

  /** A stack trace's line, cleaned as a message is; its leading tab (a frame) kept. */
  public static String cleanTraceLine(String line) {
    int tabs = 0;
    while (tabs < line.length() && line.charAt(tabs) == '\t') {
      tabs++;
    }
    return line.substring(0, tabs) + clean(line.substring(tabs));
  }

  /** Masks credential values: known ones wherever they appear, and any named as a secret. */
  public static String redact(String message) {
    if (message == null) {
      return null;
    }
    String s = message;
    for (String v : SECRET_VARIABLES) {
      s = mask(s, System.getenv(v));
    }
    for (String p : SECRET_PROPERTIES) {
      s = mask(s, System.getProperty(p));
    }
    if (s.isEmpty()) {
      return s;
    }
    Matcher auth = AUTHORIZATION.matcher(s);
    if (auth.find()) {
      StringBuilder b = new StringBuilder();
      do {
        String scheme = auth.group(2);
        auth.appendReplacement(
            b,
            Matcher.quoteReplacement(
                auth.group(1) + (scheme == null ? "" : scheme + " ") + REDACTED));
      } while (auth.find());
      s = auth.appendTail(b).toString();
    }
    Matcher secret = SECRET.matcher(s);
    if (secret.find()) {
      StringBuilder b = new StringBuilder();
      do {
        secret.appendReplacement(
            b, Matcher.quoteReplacement(secret.group(1) + secret.group(2) + REDACTED));
      } while (secret.find());
      s = secret.appendTail(b).toString();
    }
    return s;
  }

  private static String mask(String s, String secret) {
    return secret == null || secret.length() < 8 ? s : s.replace(secret, REDACTED);
  }
}
