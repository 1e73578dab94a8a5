package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A listing is believed only when it is well formed: it names the package asked for, carries a
 * {@code versions} array whose entries each have a version and a status, and ends. Every listing
 * that decides a write — the scan, the emptiness check of {@code --delete-empty-packages}, apply's
 * already-done check, the re-checks after a lost answer and after MISMATCHED_STATUS — is run
 * against each malformed shape: none is read as "no version left" or "already gone"; the read fails
 * (retried like a 5xx), the package is left alone and reported failed, exit 1; and what was sent to
 * writes is exactly what a well-formed listing justified.
 */
class MalformedListingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
  }

  @TempDir Path dir;
  private HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The well-formed listing of left-pad: 1.0.0 and 1.1.0, Published. */
  private static ObjectNode leftPad() {
    return HostileServer.versions("npm", "left-pad", "1.1.0", "1.0.0", "1.1.0");
  }

  /** Listings of left-pad that must not be believed, by name. */
  static Stream<Arguments> shapes() {
    List<Arguments> all = new ArrayList<>();
    all.add(Arguments.of("no versions key", "{\"format\": \"npm\", \"package\": \"left-pad\"}"));
    all.add(
        Arguments.of(
            "versions null",
            "{\"format\": \"npm\", \"package\": \"left-pad\", \"versions\": null}"));
    all.add(
        Arguments.of(
            "an error document with status 200",
            "{\"__type\": \"ValidationException\", \"message\": \"no\"}"));
    all.add(Arguments.of("another package", HostileServer.versions("npm", "right-pad", null)));
    all.add(Arguments.of("another format", HostileServer.versions("pypi", "left-pad", null)));
    all.add(
        Arguments.of(
            "another namespace",
            HostileServer.versions("npm", "left-pad", null).put("namespace", "evil")));
    all.add(Arguments.of("no package named", withoutField(leftPad(), "package")));
    all.add(Arguments.of("an entry without a status", withoutEntryField("status")));
    all.add(Arguments.of("an entry without a version", withoutEntryField("version")));
    all.add(
        Arguments.of(
            "a null entry",
            "{\"format\": \"npm\", \"package\": \"left-pad\", \"versions\": [null]}"));
    all.add(Arguments.of("a version listed twice, differently", twiceDifferently()));
    all.add(
        Arguments.of(
            "a page that repeats its token",
            HostileServer.versions("npm", "left-pad", null).put("nextToken", "again")));
    return all.stream();
  }

  private static String withoutField(ObjectNode page, String field) {
    page.remove(field);
    return page.toString();
  }

  /** left-pad's listing with {@code field} left out of 1.0.0's entry. */
  private static String withoutEntryField(String field) {
    ObjectNode page = leftPad();
    ((ObjectNode) page.path("versions").get(0)).remove(field);
    return page.toString();
  }

  /** 1.0.0 once Deleted, once Published. */
  private static String twiceDifferently() {
    ObjectNode page = HostileServer.versions("npm", "left-pad", null, "1.0.0", "1.0.0");
    ((ObjectNode) page.path("versions").get(0)).put("status", "Deleted");
    return page.toString();
  }

  /**
   * {@code action} on acme/releases, the latest version not protected, confirmed, as JSON: the runs
   * below differ only in {@code extra} (what they select, how many attempts).
   */
  private CliResult act(String action, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(action, "--domain", "acme", "--repository", "releases", "--no-protect-latest"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--yes", "-o", "json"));
    return run(args.toArray(String[]::new));
  }

  private CliResult run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--region", "us-east-1", "--endpoint-url", server.endpoint().toString()));
    return Runs.run(Runs.context(), all.toArray(String[]::new));
  }

  /**
   * {@code delete --delete-empty-packages}: the selection's listing is well formed, each later one
   * (the emptiness check's) is not: DeletePackage is never sent, the package is reported failed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theEmptinessCheckBelievesNoMalformedListing(String shape, Object listing) throws Exception {
    server.on(
        "ListPackageVersions", Reply.json(200, leftPad()), Reply.json(200, listing.toString()));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    server.on("DeletePackage", Reply.json(200, "{}"));
    CliResult r =
        act("delete", "--version", "1.*", "--delete-empty-packages", "--max-attempts", "2");
    assertThat(server.requests("DeletePackage")).as(r::toString).isEmpty();
    assertThat(server.requests("DeletePackageVersions")).as(r::toString).hasSize(1);
    assertThat(server.versionsSentToWrites()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("summary").path("succeeded").asInt()).as(r::toString).isEqualTo(2);
    assertThat(doc.path("emptyPackages").path(0).path("result").asText())
        .as(r::toString)
        .isEqualTo("failed");
    assertThat(doc.path("emptyPackages").path(0).path("message").asText())
        .as(r::toString)
        .contains("could not check that it is empty");
    // A malformed listing is retried like a 5xx read: the scan's, then two for the check.
    assertThat(server.requests("ListPackageVersions")).as(r::toString).hasSizeGreaterThan(2);
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
  }

  /**
   * {@code apply} of a saved delete plan: the revision check's listing is malformed: no planned
   * version is skipped as already done, none is sent to a write, each is reported failed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void applysAlreadyDoneCheckBelievesNoMalformedListing(String shape, Object listing)
      throws Exception {
    Path plan = savePlan();
    server.on("ListPackageVersions", Reply.json(200, listing.toString()));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    CliResult r = run("apply", plan.toString(), "--yes", "--max-attempts", "2", "-o", "json");
    assertThat(server.writes()).as(r::toString).isEmpty();
    JsonNode doc = JSON.readTree(r.out());
    JsonNode summary = doc.path("summary");
    assertThat(summary.path("alreadyDone").asInt()).as(r::toString).isZero();
    assertThat(summary.path("succeeded").asInt()).as(r::toString).isZero();
    assertThat(summary.path("failed").asInt()).as(r::toString).isEqualTo(2);
    assertThat(
            doc.path("packages")
                .path(0)
                .path("failedVersions")
                .path("1.0.0")
                .path("errorCode")
                .asText())
        .isEqualTo("REQUEST_FAILED");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
  }

  /** The scan's own listing malformed: nothing is selected from it, nothing is written. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theScanBelievesNoMalformedListing(String shape, Object listing) throws Exception {
    // A first page that is well formed, then the malformed one.
    server.on(
        "ListPackageVersions",
        Reply.json(200, leftPad().put("nextToken", "page-2")),
        Reply.json(200, listing.toString()));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    CliResult r = act("delete", "--all", "--max-attempts", "1");
    assertThat(server.writes()).as(r::toString).isEmpty();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
  }

  /**
   * A delete whose answer is lost: the re-listing that would tell what it did is malformed, so
   * nothing is concluded from it: the versions are of unknown outcome, never succeeded or done.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theReCheckAfterALostAnswerBelievesNoMalformedListing(String shape, Object listing)
      throws Exception {
    server.on(
        "ListPackageVersions", Reply.json(200, leftPad()), Reply.json(200, listing.toString()));
    server.on("DeletePackageVersions", Reply.hangUp());
    CliResult r = act("delete", "--version", "1.*", "--max-attempts", "1");
    assertThat(server.versionsSentToWrites()).as(r::toString).containsExactly("1.0.0", "1.1.0");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("summary").path("succeeded").asInt()).as(r::toString).isZero();
    assertThat(doc.path("summary").path("alreadyDone").asInt()).as(r::toString).isZero();
    assertThat(
            doc.path("packages")
                .path(0)
                .path("failedVersions")
                .path("1.0.0")
                .path("errorCode")
                .asText())
        .as(r::toString)
        .isEqualTo("OUTCOME_UNKNOWN");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
  }

  /** Listings that would show left-pad's 1.0.0 and 1.1.0 Archived, were they believed. */
  static Stream<Arguments> archivedShapes() {
    ObjectNode other = HostileServer.versions("npm", "right-pad", null, "1.0.0", "1.1.0");
    ObjectNode namespace =
        HostileServer.versions("npm", "left-pad", null, "1.0.0", "1.1.0").put("namespace", "evil");
    ObjectNode twice = HostileServer.versions("npm", "left-pad", null, "1.0.0", "1.1.0", "1.0.0");
    for (ObjectNode page : List.of(other, namespace, twice)) {
      for (int i = 0; i < 2; i++) {
        ((ObjectNode) page.path("versions").get(i)).put("status", "Archived");
      }
    }
    return Stream.of(
        Arguments.of("another package", other.toString()),
        Arguments.of("another namespace", namespace.toString()),
        Arguments.of("a version listed twice, differently", twice.toString()));
  }

  /**
   * archive answered MISMATCHED_STATUS: the re-check that would find the versions already archived
   * is malformed: they keep the service's answer (failed), never already done.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("archivedShapes")
  void theMismatchedStatusReCheckBelievesNoMalformedListing(String shape, String listing)
      throws Exception {
    server.on("ListPackageVersions", Reply.json(200, leftPad()), Reply.json(200, listing));
    String mismatched =
        "{\"message\": \"current status: Archived, expected status: Published\","
            + " \"errorCode\": \"MISMATCHED_STATUS\"}";
    server.on(
        "UpdatePackageVersionsStatus",
        Reply.json(
            200,
            "{\"successfulVersions\": {}, \"failedVersions\": {\"1.0.0\": "
                + mismatched
                + ", \"1.1.0\": "
                + mismatched
                + "}}"));
    CliResult r = act("archive", "--version", "1.*", "--max-attempts", "1");
    assertThat(server.writes()).as(r::toString).hasSize(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("summary").path("alreadyDone").asInt()).as(r::toString).isZero();
    assertThat(
            doc.path("packages")
                .path(0)
                .path("failedVersions")
                .path("1.0.0")
                .path("errorCode")
                .asText())
        .as(r::toString)
        .isEqualTo("MISMATCHED_STATUS");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
  }

  /**
   * apply: a planned version listed with a status newer than caprune is there, not gone: never
   * skipped as already done, never sent, reported failed.
   */
  @Test
  void applyNeverReadsAVersionOfAnUnknownStatusAsGone() throws Exception {
    Path plan = savePlan();
    ObjectNode later = leftPad();
    ((ObjectNode) later.path("versions").get(0)).put("status", "Quarantined");
    server.on("ListPackageVersions", Reply.json(200, later));
    server.on("DeletePackageVersions", HostileServer.echoWrite("Deleted"));
    CliResult r = run("apply", plan.toString(), "--yes", "--max-attempts", "1", "-o", "json");
    assertThat(server.versionsSentToWrites()).as(r::toString).containsExactly("1.1.0");
    JsonNode pkg = JSON.readTree(r.out()).path("packages").path(0);
    assertThat(pkg.path("alreadyDone").size()).as(r::toString).isZero();
    assertThat(pkg.path("failedVersions").path("1.0.0").path("errorMessage").asText())
        .as(r::toString)
        .contains("Quarantined");
    assertThat(pkg.path("successfulVersions").has("1.1.0")).as(r::toString).isTrue();
    // As when the service refuses a version whose status changed: a partial failure.
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
  }

  /**
   * A package asked for by the name the user wrote may come back under the name the repository
   * stores: PyPI compares names normalized (PEP 503) and NuGet ignoring case, so such an answer is
   * the package asked for and is believed; a different name in the same format is not.
   */
  @ParameterizedTest(name = "{0} {1} answered as {2}: believed {3}")
  @org.junit.jupiter.params.provider.CsvSource({
    "pypi, Acme_DB, acme-db, true",
    "pypi, acme.db, Acme--DB, true",
    "nuget, Acme.Logging, acme.logging, true",
    "ruby, Rails, rails, false",
    "pypi, acme-db, acme-dbx, false"
  })
  void theAnswerNamesThePackageAsTheFormatComparesNames(
      String format, String asked, String answered, boolean believed) {
    server.on(
        "ListPackageVersions",
        Reply.json(200, HostileServer.versions(format, answered, "1.1.0", "1.0.0", "1.1.0")));
    CliResult r =
        run(
            "versions",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--format",
            format,
            "--package",
            asked,
            "--max-attempts",
            "1",
            "-o",
            "json");
    if (believed) {
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(r.out()).as(r::toString).contains("\"1.0.0\"");
    } else {
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
      assertThat(r.err()).as(r::toString).contains("not a well-formed listing");
    }
    assertThat(server.requests("ListPackages")).as("exact names: no ListPackages").isEmpty();
  }

  /** A plan of left-pad 1.0.0 and 1.1.0, saved from a well-formed listing. */
  private Path savePlan() throws Exception {
    server.on("ListPackageVersions", Reply.json(200, leftPad()));
    Path plan = dir.resolve("plan.json");
    CliResult saved =
        run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--version",
            "1.*",
            "--no-protect-latest",
            "--save-plan",
            plan.toString());
    assertThat(saved.exitCode()).as(saved::toString).isZero();
    assertThat(JSON.readTree(plan.toFile()).path("versions").size()).isEqualTo(2);
    return plan;
  }
}
