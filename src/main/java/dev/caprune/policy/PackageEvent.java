package dev.caprune.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.select.AwsNames;
import dev.caprune.select.Format;
import dev.caprune.select.Names;
import dev.caprune.select.PackageId;
import dev.caprune.select.RepositoryRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An Amazon EventBridge event of detail-type "CodeArtifact Package Version State Change", checked:
 * the one package a policy run on a publish event works on. Every value is taken literally (a
 * {@code *} in a package name is a character of the name, never a glob).
 *
 * @param id the event's id, or null
 * @param account the account the event was delivered to, or null
 * @param region the event's region
 * @param domain {@code detail.domainName}
 * @param domainOwner {@code detail.domainOwner}, the 12-digit account that owns the domain
 * @param repository {@code detail.repositoryName}
 * @param pkg the package: {@code packageFormat}, {@code packageNamespace} (null when absent or
 *     empty), {@code packageName}
 * @param version {@code packageVersion}, or null
 * @param state {@code packageVersionState} (Published, Unlisted, Archived, Disposed...), or null
 * @param operation {@code operationType} (Created, Updated, Deleted), or null
 */
public record PackageEvent(
    String id,
    String account,
    String region,
    String domain,
    String domainOwner,
    String repository,
    PackageId pkg,
    String version,
    String state,
    String operation) {

  /** More than this is no EventBridge event: 256 KiB is EventBridge's own limit on an event. */
  public static final int MAX_SIZE = 256 * 1024;

  /** CodeArtifact's own limit on a namespace, a package name and a version. */
  static final int MAX_NAME = 255;

  public static final String SOURCE = "aws.codeartifact";
  public static final String DETAIL_TYPE = "CodeArtifact Package Version State Change";

  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9\\-]{0,48}[a-z0-9]");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{1,99}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  /** CodeArtifact's own pattern for a namespace and a package name, controls left out too. */
  private static final Pattern PACKAGE = Pattern.compile("[^#/\\s\\p{Cntrl}]+");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The repository the event names, in its domain owner's account. */
  public RepositoryRef repositoryRef() {
    return new RepositoryRef(domain, domainOwner, repository);
  }

  /** For messages: {@code npm:@scope/name in acme/releases (account 111122223333, us-east-1)}. */
  public String describe() {
    return pkg.format().wire()
        + " package "
        + Names.quote(pkg.display())
        + " in "
        + domain
        + "/"
        + repository
        + " (account "
        + domainOwner
        + ", "
        + region
        + ")";
  }

  /**
   * The event in {@code file}, or on {@code stdin} when the file is {@code -}.
   *
   * @param label how messages name the event ({@code --event FILE})
   * @throws PolicyException {@code label: problem}, for an event that cannot be read or is not a
   *     CodeArtifact package version state change
   */
  public static PackageEvent read(Path file, InputStream stdin, String label) {
    if (file.toString().equals("-")) {
      return read(stdin, label);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, label);
    } catch (NoSuchFileException e) {
      throw new PolicyException(label + ": no such file");
    } catch (IOException e) {
      throw new PolicyException(label + ": cannot be read: " + e.getMessage());
    }
  }

  /** The event read from {@code in}, at most {@link #MAX_SIZE} bytes of it. */
  public static PackageEvent read(InputStream in, String label) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_SIZE + 1);
    } catch (IOException e) {
      throw new PolicyException(label + ": cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_SIZE) {
      throw new PolicyException(
          label + ": more than " + MAX_SIZE / 1024 + " KiB, EventBridge's limit on an event");
    }
    String text;
    try {
      text = TextFile.utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new PolicyException(label + ": not UTF-8");
    }
    if (text.isBlank()) {
      throw new PolicyException(label + ": empty, not an EventBridge event");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      throw new PolicyException(
          label
              + ": not JSON ("
              + Names.quote(why == null ? "" : why.lines().findFirst().orElse(""))
              + ")");
    }
    return parse(root, label);
  }

  private static PackageEvent parse(JsonNode root, String label) {
    if (root == null || !root.isObject()) {
      throw new PolicyException(label + ": not an EventBridge event (a JSON object)");
    }
    String source = text(root, "source", label, false);
    if (!SOURCE.equals(source)) {
      throw new PolicyException(
          label + ": source is " + Names.quote(source) + ", not '" + SOURCE + "'");
    }
    String type = text(root, "detail-type", label, false);
    if (!DETAIL_TYPE.equals(type)) {
      throw new PolicyException(
          label + ": detail-type is " + Names.quote(type) + ", not '" + DETAIL_TYPE + "'");
    }
    String region = required(root, "region", label);
    if (AwsNames.regionProblem(region) != null) {
      throw new PolicyException(label + ": region " + AwsNames.regionProblem(region));
    }
    String account = text(root, "account", label, false);
    if (account != null && !ACCOUNT.matcher(account).matches()) {
      throw new PolicyException(
          label + ": account " + Names.quote(account) + " is not a 12-digit AWS account id");
    }
    JsonNode detail = root.get("detail");
    if (detail == null || !detail.isObject()) {
      throw new PolicyException(label + ": no detail object");
    }
    String domain = required(detail, "detail.domainName", label);
    if (!DOMAIN.matcher(domain).matches()) {
      throw new PolicyException(
          label + ": detail.domainName " + Names.quote(domain) + " is not a valid domain name");
    }
    String owner = required(detail, "detail.domainOwner", label);
    if (!ACCOUNT.matcher(owner).matches()) {
      throw new PolicyException(
          label
              + ": detail.domainOwner "
              + Names.quote(owner)
              + " is not a 12-digit AWS account id");
    }
    String repository = required(detail, "detail.repositoryName", label);
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new PolicyException(
          label
              + ": detail.repositoryName "
              + Names.quote(repository)
              + " is not a valid repository name");
    }
    String formatName = required(detail, "detail.packageFormat", label);
    Format format =
        Format.fromWire(formatName)
            .orElseThrow(
                () ->
                    new PolicyException(
                        label
                            + ": detail.packageFormat "
                            + Names.quote(formatName)
                            + " is not a package format caprune knows"));
    String namespace = text(detail, "detail.packageNamespace", label, true);
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
    String name = required(detail, "detail.packageName", label);
    bounded(namespace, "detail.packageNamespace", label);
    bounded(name, "detail.packageName", label);
    String version = text(detail, "detail.packageVersion", label, true);
    bounded(version, "detail.packageVersion", label);
    resources(root, region, owner, domain, repository, format, namespace, name, label);
    return new PackageEvent(
        text(root, "id", label, false),
        account,
        region,
        domain,
        owner,
        repository,
        new PackageId(format, namespace, name),
        version,
        text(detail, "detail.packageVersionState", label, true),
        text(detail, "detail.operationType", label, true));
  }

  /**
   * {@code resources}, when given, names the package {@code detail} names and nothing else: an
   * event whose ARN and detail disagree could be read either way, so it is read neither way.
   */
  private static void resources(
      JsonNode root,
      String region,
      String owner,
      String domain,
      String repository,
      Format format,
      String namespace,
      String name,
      String label) {
    JsonNode resources = root.get("resources");
    if (resources == null || resources.isNull()) {
      return;
    }
    if (!resources.isArray()) {
      throw new PolicyException(label + ": resources is not a list");
    }
    String place = ":codeartifact:" + region + ":" + owner + ":";
    String arn =
        place
            + "package/"
            + String.join(
                "/", domain, repository, format.wire(), namespace == null ? "" : namespace, name);
    for (JsonNode r : resources) {
      if (!r.isTextual()) {
        throw new PolicyException(label + ": resources holds something other than a string");
      }
      String v = r.asText();
      int colon = v.indexOf(':', "arn:".length());
      if (!v.startsWith("arn:") || colon < 0 || !v.substring(colon).equals(arn)) {
        throw new PolicyException(
            label
                + ": resources names "
                + Names.quote(v)
                + ", not the detail's package (arn:aws"
                + arn
                + ")");
      }
    }
  }

  private static void bounded(String value, String field, String label) {
    if (value != null && !field.endsWith("Version") && !PACKAGE.matcher(value).matches()) {
      throw new PolicyException(
          label
              + ": "
              + field
              + " "
              + Names.quote(value)
              + " is not a package name (no '#', '/', spaces or control characters)");
    }
    if (value != null && value.length() > MAX_NAME) {
      throw new PolicyException(
          label
              + ": "
              + field
              + " is "
              + value.length()
              + " characters long, more than CodeArtifact's "
              + MAX_NAME);
    }
  }

  private static String required(JsonNode n, String field, String label) {
    String v = text(n, field, label, false);
    if (v == null || v.isEmpty()) {
      throw new PolicyException(label + ": " + field + " is missing");
    }
    return v;
  }

  /** A string field, or null when absent (or JSON null where {@code nullable}). */
  private static String text(JsonNode n, String field, String label, boolean nullable) {
    JsonNode v = n.get(field.substring(field.indexOf('.') + 1));
    if (v == null || (v.isNull() && nullable)) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PolicyException(label + ": " + field + " is not a string");
    }
    return v.asText();
  }
}
