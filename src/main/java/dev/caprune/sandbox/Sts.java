package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The part of AWS STS the sandbox serves, at its own address: {@code AssumeRole} and {@code
 * GetCallerIdentity} in the Query protocol (a form POST to {@code /}, XML answers). Session keys it
 * issues sign CodeArtifact calls as the role's account: their signatures are verified, they expire,
 * and they reach only the domains that account owns. Any role may be assumed unless roles are
 * declared; then only those, each with its external id when it has one.
 */
final class Sts {
  /** The account of every key the sandbox did not issue. */
  static final String BASE_ACCOUNT = "111122223333";

  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:iam::([0-9]{12}):role/(?:[\\x21-\\x7e]*/)?([\\w+=,.@-]{1,64})");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A role as declared: its ARN and the external id it requires (null: none). */
  record Role(String arn, String externalId) {}

  /** Credentials issued by AssumeRole. */
  record Session(
      String accessKeyId,
      String secretKey,
      String token,
      String roleArn,
      String account,
      String assumedArn,
      Instant expires) {}

  private final Map<String, Role> roles;
  private final SigV4 auth;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> callers = new ConcurrentHashMap<>();
  private final AtomicLong issued = new AtomicLong();

  Sts(List<Role> roles, String accessKey, String secretKey) {
    Map<String, Role> byArn = new LinkedHashMap<>();
    for (Role r : roles) {
      byArn.put(r.arn(), r);
    }
    this.roles = Map.copyOf(byArn);
    this.auth = new SigV4(accessKey, secretKey, "sts", this::session);
  }

  /** STS's Query protocol: a POST to the root, which no CodeArtifact operation uses. */
  static boolean serves(String method, String path) {
    return "POST".equals(method) && "/".equals(path);
  }

  /** The issued session of this access key, or null. */
  Session session(String accessKeyId) {
    return sessions.get(accessKeyId);
  }

  /** Makes every session issued so far expired: their next call is refused. */
  void expireSessions() {
    sessions.replaceAll(
        (k, s) ->
            new Session(
                s.accessKeyId(),
                s.secretKey(),
                s.token(),
                s.roleArn(),
                s.account(),
                s.assumedArn(),
                Instant.EPOCH));
  }

  /** One more call signed with this access key. */
  void count(String accessKeyId) {
    callers.computeIfAbsent(accessKeyId, k -> new AtomicLong()).incrementAndGet();
  }

  Map<String, Long> callers() {
    Map<String, Long> out = new TreeMap<>();
    callers.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Each issued session's access key and the role it stands for. */
  Map<String, String> sessions() {
    Map<String, String> out = new TreeMap<>();
    sessions.forEach((k, s) -> out.put(k, s.roleArn()));
    return out;
  }

  /** Each issued session's access key and when it expires (its requested duration after issue). */
  Map<String, Instant> sessionExpiries() {
    Map<String, Instant> out = new TreeMap<>();
    sessions.forEach((k, s) -> out.put(k, s.expires()));
    return out;
  }

  void resetCallers() {
    callers.clear();
  }

  /**
   * Refuses a call signed with a session key on a domain its account does not own, as AWS does
   * without a domain policy that lets the account in.
   *
   * @param owner the owner of the domain the call names, or null when none or unknown
   */
  void checkAccount(String accessKeyId, String operation, String domain, String owner) {
    Session s = accessKeyId == null ? null : sessions.get(accessKeyId);
    if (s == null || owner == null || owner.equals(s.account())) {
      return;
    }
    throw ApiException.accessDenied(
        "User: "
            + s.assumedArn()
            + " is not authorized to perform: codeartifact:"
            + operation
            + " on resource: arn:aws:codeartifact:us-east-1:"
            + owner
            + ":domain/"
            + domain);
  }

  /** An answer: HTTP status and XML. */
  record Reply(int status, String xml, String action) {}

  Reply answer(String rawQuery, Function<String, List<String>> header, byte[] body, Instant now) {
    Map<String, String> form = Call.parseQuery(new String(body, StandardCharsets.UTF_8));
    String action = form.getOrDefault("Action", "");
    try {
      String keyId;
      try {
        keyId = auth.verify("POST", "/", rawQuery, header, body, now);
      } catch (ApiException e) {
        throw e.status == 403 && e.type.equals("ExpiredTokenException")
            ? e
            : new StsError(403, "InvalidClientTokenId", e.getMessage());
      }
      if (keyId != null) {
        count(keyId);
      }
      return switch (action) {
        case "AssumeRole" -> new Reply(200, assumeRole(form, keyId, now), action);
        case "GetCallerIdentity" -> new Reply(200, callerIdentity(keyId), action);
        default ->
            throw new StsError(
                400,
                "InvalidAction",
                "Could not find operation " + action + " for version " + form.get("Version"));
      };
    } catch (StsError e) {
      return new Reply(e.status, error(e.code, e.getMessage()), action);
    } catch (ApiException e) {
      return new Reply(e.status, error(e.type.replace("Exception", ""), e.getMessage()), action);
    }
  }

  private String assumeRole(Map<String, String> form, String keyId, Instant now) {
    String arn = form.get("RoleArn");
    String sessionName = form.get("RoleSessionName");
    if (arn == null || arn.length() < 20 || arn.length() > 2048) {
      throw validation("roleArn", arn, "Member must have length between 20 and 2048");
    }
    var m = ROLE_ARN.matcher(arn);
    if (!m.matches()) {
      throw new StsError(400, "ValidationError", arn + " is invalid");
    }
    if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
      throw validation(
          "roleSessionName",
          sessionName,
          "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2"
              + " and 64");
    }
    long seconds = 3600;
    String duration = form.get("DurationSeconds");
    if (duration != null) {
      try {
        seconds = Long.parseLong(duration);
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 900 || seconds > 43200) {
        throw validation(
            "durationSeconds",
            duration,
            "Member must have value between 900 and 43200 (the role's maximum session duration)");
      }
    }
    Session caller = keyId == null ? null : sessions.get(keyId);
    String callerArn =
        caller != null ? caller.assumedArn() : "arn:aws:iam::" + BASE_ACCOUNT + ":user/sandbox";
    Role declared = roles.get(arn);
    String externalId = form.get("ExternalId");
    if ((!roles.isEmpty() && declared == null)
        || (declared != null
            && declared.externalId() != null
            && !declared.externalId().equals(externalId))) {
      throw new StsError(
          403,
          "AccessDenied",
          "User: "
              + callerArn
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + arn);
    }
    String account = m.group(1);
    String roleName = m.group(2);
    long n = issued.incrementAndGet();
    String accessKeyId = String.format("ASIASANDBOX%09d", n);
    String secret = random(20);
    String token = "FwoGZXIvYXdzE" + random(48);
    String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    Instant expires = now.plus(Duration.ofSeconds(seconds));
    sessions.put(
        accessKeyId, new Session(accessKeyId, secret, token, arn, account, assumedArn, expires));
    String roleId =
        "AROA" + String.format("%017d", Math.abs((long) arn.hashCode())).substring(0, 17);
    return "<AssumeRoleResponse xmlns=\""
        + NS
        + "\"><AssumeRoleResult><Credentials><AccessKeyId>"
        + accessKeyId
        + "</AccessKeyId><SecretAccessKey>"
        + secret
        + "</SecretAccessKey><SessionToken>"
        + token
        + "</SessionToken><Expiration>"
        + expires
        + "</Expiration></Credentials><AssumedRoleUser><Arn>"
        + xml(assumedArn)
        + "</Arn><AssumedRoleId>"
        + roleId
        + ":"
        + xml(sessionName)
        + "</AssumedRoleId></AssumedRoleUser><PackedPolicySize>0</PackedPolicySize>"
        + "</AssumeRoleResult><ResponseMetadata><RequestId>"
        + UUID.randomUUID()
        + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
  }

  private String callerIdentity(String keyId) {
    Session s = keyId == null ? null : sessions.get(keyId);
    String account = s != null ? s.account() : BASE_ACCOUNT;
    String arn = s != null ? s.assumedArn() : "arn:aws:iam::" + BASE_ACCOUNT + ":user/sandbox";
    String userId =
        s != null ? "AROASANDBOX:" + arn.substring(arn.lastIndexOf('/') + 1) : "AIDASANDBOX";
    return "<GetCallerIdentityResponse xmlns=\""
        + NS
        + "\"><GetCallerIdentityResult><Arn>"
        + xml(arn)
        + "</Arn><UserId>"
        + xml(userId)
        + "</UserId><Account>"
        + account
        + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>"
        + UUID.randomUUID()
        + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
  }

  private static StsError validation(String member, String value, String constraint) {
    return new StsError(
        400,
        "ValidationError",
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\""
        + NS
        + "\"><Error><Type>Sender</Type><Code>"
        + xml(code)
        + "</Code><Message>"
        + xml(message)
        + "</Message></Error><RequestId>"
        + UUID.randomUUID()
        + "</RequestId></ErrorResponse>";
  }

  private static String xml(String s) {
    return String.valueOf(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** An STS error: its HTTP status and code ({@code AccessDenied}, {@code ValidationError}). */
  private static final class StsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    StsError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }
}
