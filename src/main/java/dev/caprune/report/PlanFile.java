package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.select.Format;
import dev.caprune.select.Plan;
import dev.caprune.select.VersionStatus;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The plan file: JSON, {@code schemaVersion} first, and a SHA-256 {@code checksum} over the
 * canonical form of everything else, so that a plan edited by hand (a version added, a status
 * changed) is refused. The checksum is not a signature: anyone can compute it again, so a plan is
 * also read as strictly as the command line (every field, type and name checked; no duplicate key,
 * nothing after the document). The format is documented in the README.
 */
public final class PlanFile {
  /** Far more than any real plan (100,000 versions is ~25 MB): a bigger file is not read. */
  static final long MAX_BYTES = 256L << 20;

  private static final ObjectMapper READER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> TOP =
      Set.of(
          "schemaVersion",
          "capruneVersion",
          "createdAt",
          "region",
          "endpoint",
          "domain",
          "domainOwner",
          "action",
          "versions",
          "target",
          "checksum");
  private static final Set<String> ENTRY =
      Set.of(
          "repository",
          "format",
          "namespace",
          "package",
          "version",
          "status",
          "revision",
          "action",
          "rule");

  private PlanFile() {}

  /** A plan file that cannot be used, with the reason in one line. */
  public static final class InvalidPlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidPlanException(String message) {
      super(message);
    }
  }

  /** The document as written. Field names are part of the plan format. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(
      int schemaVersion,
      String capruneVersion,
      String createdAt,
      String region,
      @JsonInclude(JsonInclude.Include.ALWAYS) String endpoint,
      String domain,
      @JsonInclude(JsonInclude.Include.ALWAYS) String domainOwner,
      String action,
      List<Entry> versions,
      String target,
      String checksum) {

    Document withChecksum(String sum) {
      return new Document(
          schemaVersion,
          capruneVersion,
          createdAt,
          region,
          endpoint,
          domain,
          domainOwner,
          action,
          versions,
          target,
          sum);
    }
  }

  /** One version; {@code action} and {@code rule} in policy plans (schema 3) only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      @JsonInclude(JsonInclude.Include.ALWAYS) String revision,
      String action,
      String rule) {}

  public static void write(Plan plan, Path file) throws IOException {
    Document body = document(plan);
    Document signed = body.withChecksum(checksum(body));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Json.MAPPER.writeValueAsString(signed) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Reads and verifies a plan: strict JSON, known schema, every field present with its type, the
   * checksum, and every value checked as the command line's ({@link Plan#check}).
   *
   * @throws InvalidPlanException naming the file and the first problem, in one line
   */
  public static Plan read(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidPlanException(
            file + ": larger than " + (MAX_BYTES >> 20) + " MiB: not a plan caprune wrote");
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidPlanException(file + ": not UTF-8 text: not a plan caprune wrote");
    } catch (IOException e) {
      throw new InvalidPlanException(file + ": cannot read it: " + Text.ioProblem(e));
    }
    JsonNode tree;
    try {
      tree = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(
          file
              + ": not valid JSON (line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")");
    }
    if (tree == null || !tree.isObject() || !tree.path("schemaVersion").isInt()) {
      throw new InvalidPlanException(file + ": not a caprune plan (no schemaVersion)");
    }
    int schema = tree.path("schemaVersion").asInt();
    if (schema > Plan.POLICY_SCHEMA_VERSION) {
      throw new InvalidPlanException(
          file
              + ": plan schemaVersion "
              + schema
              + " is newer than this caprune understands ("
              + Plan.POLICY_SCHEMA_VERSION
              + "); use a newer caprune");
    }
    if (schema == 1) {
      throw new InvalidPlanException(
          file
              + ": plan schemaVersion 1 does not record the region, endpoint and account it was"
              + " made for, so it cannot be bound to them: make the plan again with this caprune");
    }
    if (schema < 1) {
      throw new InvalidPlanException(file + ": plan schemaVersion " + schema + " is not valid");
    }
    Document doc;
    try {
      doc = document(tree);
    } catch (IllegalArgumentException e) {
      throw new InvalidPlanException(file + ": " + e.getMessage());
    }
    if (doc.checksum() == null) {
      throw new InvalidPlanException(file + ": no checksum: not a plan caprune wrote");
    }
    Document body = doc.withChecksum(null);
    if (!checksum(body).equals(doc.checksum())) {
      throw new InvalidPlanException(
          file + ": checksum does not match: the plan was changed after it was made");
    }
    try {
      Plan plan = plan(doc);
      plan.check();
      return plan;
    } catch (IllegalArgumentException e) {
      throw new InvalidPlanException(file + ": " + e.getMessage());
    }
  }

  /** The plan's document as its file holds it, checksum included, to embed in another. */
  static Object signed(Plan plan) {
    Document body = document(plan);
    return body.withChecksum(checksum(body));
  }

  /** The plan as JSON, for {@code plan show -o json}. */
  public static void print(Plan plan, java.io.PrintWriter out) {
    Document body = document(plan);
    Json.print(out, body.withChecksum(checksum(body)));
  }

  /** The document from the tree, every field there with its JSON type, no other field. */
  private static Document document(JsonNode tree) {
    unknownFields(tree, TOP, "");
    // Schema 3 (a policy's plan) adds target, and action and rule per version; schema 2 has none.
    boolean policy = tree.path("schemaVersion").asInt() == Plan.POLICY_SCHEMA_VERSION;
    JsonNode versions = tree.get("versions");
    if (versions == null || !versions.isArray()) {
      throw new IllegalArgumentException(
          versions == null ? "versions is missing" : "versions is not a list");
    }
    List<Entry> entries = new ArrayList<>(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      JsonNode e = versions.get(i);
      String at = "versions[" + i + "]";
      if (!e.isObject()) {
        throw new IllegalArgumentException(at + " is not an object");
      }
      unknownFields(e, ENTRY, at + ".");
      entries.add(
          new Entry(
              string(e, "repository", at + ".", false),
              string(e, "format", at + ".", false),
              string(e, "namespace", at + ".", true),
              string(e, "package", at + ".", false),
              string(e, "version", at + ".", false),
              string(e, "status", at + ".", false),
              string(e, "revision", at + ".", true),
              policyField(e, "action", at + ".", policy),
              policyField(e, "rule", at + ".", policy)));
    }
    return new Document(
        tree.get("schemaVersion").intValue(),
        string(tree, "capruneVersion", "", false),
        string(tree, "createdAt", "", false),
        string(tree, "region", "", false),
        string(tree, "endpoint", "", true),
        string(tree, "domain", "", false),
        string(tree, "domainOwner", "", true),
        string(tree, "action", "", false),
        entries,
        policyField(tree, "target", "", policy),
        string(tree, "checksum", "", false));
  }

  /** A field of schema 3 only: there a string, absent before. */
  private static String policyField(JsonNode node, String field, String at, boolean policy) {
    if (policy) {
      return string(node, field, at, false);
    }
    if (node.has(field)) {
      throw new IllegalArgumentException(
          "unknown field '" + at + field + "': not a plan caprune wrote");
    }
    return null;
  }

  private static void unknownFields(JsonNode node, Set<String> known, String at) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field '" + at + cut(name) + "': not a plan caprune wrote");
      }
    }
  }

  /** A field that must be present: a string, or null where {@code nullable}. */
  private static String string(JsonNode node, String field, String at, boolean nullable) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new IllegalArgumentException(at + field + " is missing");
    }
    if (v.isNull() && nullable) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(
          at + field + " is not a string" + (nullable ? " or null" : ""));
    }
    return v.textValue();
  }

  private static Plan plan(Document doc) {
    Instant created;
    try {
      created = Instant.parse(doc.createdAt());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "createdAt '" + cut(doc.createdAt()) + "' is not a time such as 2025-07-01T00:00:00Z");
    }
    List<Plan.Entry> entries = new ArrayList<>(doc.versions().size());
    for (int i = 0; i < doc.versions().size(); i++) {
      Entry e = doc.versions().get(i);
      String at = "versions[" + i + "].";
      // Exactly as written: the wire spelling, not any case the command line would take.
      Format format =
          Format.fromWire(e.format())
              .filter(f -> f.wire().equals(e.format()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          at + "format '" + cut(e.format()) + "' is not a package format"));
      VersionStatus status =
          VersionStatus.parse(e.status())
              .filter(s -> s.wire().equals(e.status()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          at + "status '" + cut(e.status()) + "' is not a version status"));
      entries.add(
          new Plan.Entry(
              e.repository(),
              format,
              e.namespace(),
              e.pkg(),
              e.version(),
              status,
              e.revision(),
              e.action(),
              e.rule()));
    }
    return new Plan(
        doc.schemaVersion(),
        doc.capruneVersion(),
        created,
        doc.region(),
        doc.endpoint(),
        doc.domain(),
        doc.domainOwner(),
        doc.action(),
        entries,
        doc.target());
  }

  private static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static Document document(Plan plan) {
    return new Document(
        plan.schemaVersion(),
        plan.capruneVersion(),
        dev.caprune.select.Times.iso(plan.createdAt()),
        plan.region(),
        plan.endpoint(),
        plan.domain(),
        plan.domainOwner(),
        plan.action(),
        plan.versions().stream()
            .map(
                e ->
                    new Entry(
                        e.repository(),
                        e.format().wire(),
                        e.namespace(),
                        e.pkg(),
                        e.version(),
                        e.status().wire(),
                        e.revision(),
                        e.action(),
                        e.rule()))
            .toList(),
        plan.target(),
        null);
  }

  /** SHA-256 of the compact JSON of everything but the checksum. */
  private static String checksum(Document body) {
    try {
      byte[] canonical = Json.line(body).getBytes(StandardCharsets.UTF_8);
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
