package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as CodeArtifact checks it. Every call must carry an {@code
 * AWS4-HMAC-SHA256} Authorization header scoped to the {@code codeartifact} service; with
 * credentials configured, the key id and the signature are verified for real.
 */
final class SigV4 {
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request"
              + "\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private final String accessKey;
  private final String secretKey;
  private final String service;
  private final Function<String, Sts.Session> sessions;

  /** Both null: only the header's presence and scope are checked. */
  SigV4(String accessKey, String secretKey) {
    this(accessKey, secretKey, "codeartifact", id -> null);
  }

  /**
   * For {@code service}; a key {@code sessions} knows (issued by the sandbox's STS) is always
   * verified, with its own secret, token and expiry.
   */
  SigV4(
      String accessKey, String secretKey, String service, Function<String, Sts.Session> sessions) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.service = service;
    this.sessions = sessions;
  }

  /**
   * Throws AccessDeniedException (403) unless the request is signed well enough.
   *
   * @return the access key id that signed the request
   * @param header one request header by name, case-insensitive; all its values, or null
   */
  String verify(
      String method,
      String rawPath,
      String rawQuery,
      Function<String, List<String>> header,
      byte[] body,
      Instant now) {
    String authorization = first(header.apply("authorization"));
    if (authorization == null) {
      throw ApiException.accessDenied("Missing Authentication Token");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.strip());
    if (!m.matches()) {
      throw ApiException.accessDenied(
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
              + " parameters of the AWS4-HMAC-SHA256 scheme.");
    }
    String keyId = m.group(1);
    String date = m.group(2);
    String region = m.group(3);
    String service = m.group(4);
    if (!service.equals(this.service)) {
      throw ApiException.accessDenied(
          "Credential should be scoped to correct service: '" + this.service + "'.");
    }
    Sts.Session session = sessions.apply(keyId);
    String secret = secretKey;
    if (session != null) {
      if (!session.token().equals(first(header.apply("x-amz-security-token")))) {
        throw ApiException.accessDenied("The security token included in the request is invalid.");
      }
      if (!now.isBefore(session.expires())) {
        throw ApiException.expiredToken("The security token included in the request is expired");
      }
      secret = session.secretKey();
    } else if (accessKey == null) {
      return keyId;
    } else if (!keyId.equals(accessKey)) {
      throw ApiException.accessDenied("The security token included in the request is invalid.");
    }
    String amzDate = first(header.apply("x-amz-date"));
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(String.valueOf(amzDate), AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.accessDenied("Missing or malformed X-Amz-Date header.");
    }
    if (!amzDate.startsWith(date)) {
      throw ApiException.accessDenied("Credential date does not match X-Amz-Date.");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw ApiException.accessDenied(
          "Signature expired: " + amzDate + " is more than 15 minutes from the server's time.");
    }
    String signedHeaders = m.group(5);
    String payloadHash = first(header.apply("x-amz-content-sha256"));
    String bodyHash = hex(Store.digest("SHA-256", body));
    if (payloadHash == null) {
      payloadHash = bodyHash;
    } else if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(bodyHash)) {
      throw ApiException.accessDenied(
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n');
    // Non-S3 services sign the path encoded once more than it travels.
    canonical.append(encode(rawPath, false)).append('\n');
    canonical.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders.split(";")) {
      List<String> values = header.apply(name);
      List<String> trimmed = new ArrayList<>();
      for (String v : values == null ? List.<String>of() : values) {
        trimmed.add(v.strip().replaceAll("\\s+", " "));
      }
      canonical.append(name.toLowerCase(java.util.Locale.ROOT)).append(':');
      canonical.append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(Store.digest("SHA-256", canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, toSign));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        m.group(6).getBytes(StandardCharsets.US_ASCII))) {
      throw ApiException.accessDenied(
          "The request signature we calculated does not match the signature you provided."
              + " Check your AWS Secret Access Key and signing method.");
    }
    return keyId;
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = Call.decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : Call.decode(pair.substring(eq + 1));
      pairs.add(new String[] {encode(name, true), encode(value, true)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** RFC 3986 encoding: unreserved characters stay, everything else is %XX (slash optional). */
  static String encode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
