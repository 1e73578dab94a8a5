package dev.caprune.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.caprune.select.Format;
import dev.caprune.select.Plan;
import dev.caprune.select.VersionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The plan file: JSON, {@code schemaVersion} first, and a SHA-256 {@code checksum} over the
 * canonical form of everything else, so that a plan edited by hand (a version added, a status
 * changed) is refused. The format is documented in the README.
 */
public final class PlanFile {
  private static final ObjectMapper READER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
      String domain,
      @JsonInclude(JsonInclude.Include.ALWAYS) String domainOwner,
      String action,
      List<Entry> versions,
      String checksum) {

    Document withChecksum(String sum) {
      return new Document(
          schemaVersion, capruneVersion, createdAt, domain, domainOwner, action, versions, sum);
    }
  }

  /** One version. */
  record Entry(
      String repository,
      String format,
      @JsonInclude(JsonInclude.Include.ALWAYS) String namespace,
      @JsonProperty("package") String pkg,
      String version,
      String status,
      @JsonInclude(JsonInclude.Include.ALWAYS) String revision) {}

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
   * Reads and verifies a plan.
   *
   * @throws InvalidPlanException unreadable, unknown schema, unknown field, bad value or checksum
   */
  public static Plan read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidPlanException(file + ": cannot read it (" + e.getMessage() + ")");
    }
    JsonNode tree;
    try {
      tree = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(file + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    if (tree == null || !tree.isObject() || !tree.path("schemaVersion").canConvertToInt()) {
      throw new InvalidPlanException(file + ": not a caprune plan (no schemaVersion)");
    }
    int schema = tree.path("schemaVersion").asInt();
    if (schema > Plan.SCHEMA_VERSION) {
      throw new InvalidPlanException(
          file
              + ": plan schemaVersion "
              + schema
              + " is newer than this caprune understands ("
              + Plan.SCHEMA_VERSION
              + "); use a newer caprune");
    }
    if (schema < 1) {
      throw new InvalidPlanException(file + ": plan schemaVersion " + schema + " is not valid");
    }
    Document doc;
    try {
      doc = READER.treeToValue(tree, Document.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidPlanException(
          file + ": unknown field '" + e.getPropertyName() + "': not a plan caprune wrote");
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(file + ": " + e.getOriginalMessage());
    }
    if (doc.checksum() == null) {
      throw new InvalidPlanException(file + ": no checksum: not a plan caprune wrote");
    }
    Document body = doc.withChecksum(null);
    if (!checksum(body).equals(doc.checksum())) {
      throw new InvalidPlanException(
          file + ": checksum does not match: the plan was changed after it was made");
    }
    return plan(file, doc);
  }

  /** The plan as JSON, for {@code plan show -o json}. */
  public static void print(Plan plan, java.io.PrintWriter out) {
    Document body = document(plan);
    Json.print(out, body.withChecksum(checksum(body)));
  }

  private static Plan plan(Path file, Document doc) {
    require(file, doc.domain(), "domain");
    require(file, doc.action(), "action");
    require(file, doc.createdAt(), "createdAt");
    require(file, doc.versions(), "versions");
    for (int i = 0; i < doc.versions().size(); i++) {
      Entry e = doc.versions().get(i);
      String at = "versions[" + i + "].";
      require(file, e, "versions[" + i + "]");
      require(file, e.repository(), at + "repository");
      require(file, e.format(), at + "format");
      require(file, e.pkg(), at + "package");
      require(file, e.version(), at + "version");
      require(file, e.status(), at + "status");
    }
    try {
      List<Plan.Entry> entries =
          doc.versions().stream()
              .map(
                  e ->
                      new Plan.Entry(
                          e.repository(),
                          Format.fromWire(e.format())
                              .orElseThrow(
                                  () ->
                                      new IllegalArgumentException(
                                          "unknown format '" + e.format() + "'")),
                          e.namespace(),
                          e.pkg(),
                          e.version(),
                          VersionStatus.parse(e.status())
                              .orElseThrow(
                                  () ->
                                      new IllegalArgumentException(
                                          "unknown status '" + e.status() + "'")),
                          e.revision()))
              .toList();
      return new Plan(
          doc.schemaVersion(),
          doc.capruneVersion(),
          Instant.parse(doc.createdAt()),
          doc.domain(),
          doc.domainOwner(),
          doc.action(),
          entries);
    } catch (RuntimeException e) {
      throw new InvalidPlanException(file + ": " + e.getMessage());
    }
  }

  private static void require(Path file, Object value, String field) {
    if (value == null) {
      throw new InvalidPlanException(file + ": " + field + " is missing");
    }
  }

  private static Document document(Plan plan) {
    return new Document(
        plan.schemaVersion(),
        plan.capruneVersion(),
        plan.createdAt().toString(),
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
                        e.revision()))
            .toList(),
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
