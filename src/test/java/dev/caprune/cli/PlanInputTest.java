package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan is input: every field checked as the command line's is, strict JSON, and bound to the
 * region, endpoint and account it was made for. Each bad plan here is correctly re-checksummed (as
 * anyone can), so it is the checks, not the checksum, that refuse it: exit 2, one line naming the
 * entry, and no call of any kind.
 */
class PlanInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private SandboxHarness h;
  private Set<String> seed;
  @TempDir Path dir;
  private Path plan;

  @BeforeEach
  void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
    seed = SandboxState.versions(h.state());
    plan = dir.resolve("plan.json");
    CliResult saved =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "--package",
            "@acme/*",
            "--no-protect-latest",
            "--save-plan",
            plan.toString());
    assertThat(saved.exitCode()).as(saved::toString).isZero();
    h.sandbox.resetStats();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** The plan edited by {@code edit}, then checksummed again as caprune would. */
  private void resign(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(plan));
    edit.accept(doc);
    doc.remove("checksum");
    byte[] canonical = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    doc.put(
        "checksum",
        "sha256:"
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
    Files.writeString(plan, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
  }

  private static ObjectNode entry(ObjectNode doc, int i) {
    return (ObjectNode) doc.path("versions").get(i);
  }

  /** Apply (with the sandbox's endpoint, as given when the plan was made) must refuse. */
  private CliResult refused(String... expected) throws Exception {
    CliResult r = h.run("apply", plan.toString(), "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r::toString).hasLineCount(1);
    for (String e : expected) {
      assertThat(r.err()).as(r::toString).contains(e);
    }
    assertThat(h.totalCalls()).as("calls made").isZero();
    assertThat(SandboxState.versions(h.state())).isEqualTo(seed);
    return r;
  }

  @Test
  void aResignedPlanIsStillAcceptedWhenValid() throws Exception {
    // The control: re-checksumming alone is not refused (docs/plans.md says so), only bad content.
    resign(doc -> {});
    CliResult r = h.run("apply", plan.toString(), "--yes");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(h.writeCalls()).isPositive();
  }

  @Test
  void invalidNamesAreRefusedNamingTheEntry() throws Exception {
    resign(doc -> entry(doc, 1).put("package", "ui\tkit"));
    refused("versions[1].package", "ui\\tkit", "is not valid");
    resign(doc -> entry(doc, 1).put("package", "ui-kit").put("namespace", "a/b"));
    refused("versions[1].namespace 'a/b'");
    resign(doc -> entry(doc, 1).put("namespace", "acme").put("repository", "r"));
    refused("versions[1].repository 'r'");
    resign(doc -> entry(doc, 1).put("repository", "releases").put("version", "1.0 0"));
    refused("versions[1].version");
    resign(doc -> entry(doc, 1).put("version", "1.0.0").put("revision", "r x"));
    refused("versions[1].revision");
  }

  @Test
  void aLongNameIsCutInTheMessage() throws Exception {
    String longName = "x".repeat(2000) + "#";
    resign(doc -> entry(doc, 0).put("package", longName));
    CliResult r = refused("versions[0].package", "...");
    assertThat(r.err().length()).isLessThan(400);
  }

  @Test
  void plansTopFieldsAreChecked() throws Exception {
    resign(doc -> doc.put("domain", "Acme"));
    refused("domain 'Acme'");
    resign(doc -> doc.put("domain", "acme").put("domainOwner", "12345"));
    refused("domainOwner '12345'");
    resign(doc -> doc.putNull("domainOwner").put("region", "us east 1"));
    refused("region 'us east 1'");
    resign(doc -> doc.put("region", "us-east-1").put("endpoint", "file:///etc/passwd"));
    refused("endpoint 'file:///etc/passwd'");
    resign(doc -> doc.put("endpoint", h.sandbox.endpoint().toString()).put("createdAt", "today"));
    refused("createdAt 'today'");
  }

  @Test
  void aDeletedVersionIsNotActedOn() throws Exception {
    resign(doc -> entry(doc, 0).put("status", "Deleted"));
    refused("versions[0].status is Deleted");
  }

  @Test
  void statusAndFormatMustBeTheWireSpelling() throws Exception {
    resign(doc -> entry(doc, 0).put("status", "Gone"));
    refused("versions[0].status 'Gone'");
    resign(doc -> entry(doc, 0).put("status", "published"));
    refused("versions[0].status 'published'");
    resign(doc -> entry(doc, 0).put("status", "Published").put("format", "NPM"));
    refused("versions[0].format 'NPM'");
  }

  @Test
  void aNamespaceMustFitTheFormat() throws Exception {
    resign(doc -> entry(doc, 0).put("format", "pypi"));
    refused("versions[0].namespace is set, but pypi packages have none");
    resign(doc -> entry(doc, 0).put("format", "maven").putNull("namespace"));
    refused("versions[0].namespace is missing");
  }

  @Test
  void theSameVersionTwiceIsRefused() throws Exception {
    resign(doc -> ((ArrayNode) doc.path("versions")).add(entry(doc, 0).deepCopy()));
    refused("repeats versions[0]", "in the plan twice");
  }

  @Test
  void thePackageTwiceIsRefused() throws Exception {
    // icons first, then ui-kit: an icons entry after ui-kit makes icons appear twice to a reader.
    resign(
        doc -> {
          ObjectNode extra = entry(doc, 0).deepCopy();
          extra.put("version", "9.9.9");
          ((ArrayNode) doc.path("versions")).add(extra);
        });
    refused("appears twice");
  }

  @Test
  void wrongTypesAndMissingOrUnknownFieldsAreRefused() throws Exception {
    resign(doc -> entry(doc, 0).put("version", 1));
    refused("versions[0].version is not a string");
    resign(doc -> entry(doc, 0).put("version", "0.1.0").remove("revision"));
    refused("versions[0].revision is missing");
    resign(doc -> entry(doc, 0).put("revision", "r-ic-010").put("note", "x"));
    refused("unknown field 'versions[0].note'");
    resign(doc -> entry(doc, 0).remove("note"));
    resign(doc -> doc.remove("endpoint"));
    refused("endpoint is missing");
  }

  @Test
  void trailingDataAfterThePlanIsRefused() throws Exception {
    Files.writeString(plan, Files.readString(plan) + "{\"versions\": []}\n");
    refused("not valid JSON");
  }

  @Test
  void aDuplicateKeyIsRefused() throws Exception {
    // What a reviewer reads first is not what would run: the second "versions" is refused.
    String text = Files.readString(plan);
    int end = text.lastIndexOf("\"checksum\"");
    Files.writeString(
        plan, text.substring(0, end) + "\"versions\" : [ ],\n  " + text.substring(end));
    refused("not valid JSON", "Duplicate field 'versions'");
  }

  @Test
  void aPlanOfSchemaOneIsRefusedAsUnbound() throws Exception {
    resign(
        doc -> {
          doc.put("schemaVersion", 1);
          doc.remove("region");
          doc.remove("endpoint");
        });
    refused("schemaVersion 1 does not record the region", "make the plan again");
  }

  @Test
  void applyGoesWhereThePlanWasMadeWithoutBeingTold() throws Exception {
    // No --endpoint-url: the plan's endpoint (the sandbox) is used, not AWS's.
    CliResult r = h.runRaw("apply", plan.toString(), "--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(h.writeCalls()).isPositive();
    assertThat(SandboxState.versions(h.state())).isNotEqualTo(seed);
  }

  @Test
  void anotherRegionEndpointOrAccountIsRefused() throws Exception {
    String endpoint = h.sandbox.endpoint().toString();
    for (String[] args :
        new String[][] {
          {"--region", "eu-west-1", "--endpoint-url", endpoint},
          {"--endpoint-url", "http://127.0.0.1:9/"},
          {"--endpoint-url", endpoint, "--domain-owner", "999999999999"}
        }) {
      String[] all = new String[args.length + 3];
      all[0] = "apply";
      all[1] = plan.toString();
      all[2] = "--yes";
      System.arraycopy(args, 0, all, 3, args.length);
      CliResult r = h.runRaw(all);
      assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(r::toString).hasLineCount(1).contains("nothing was changed");
    }
    assertThat(h.totalCalls()).isZero();
    // The same values said again are fine; a trailing '/' names the same endpoint.
    CliResult same =
        h.runRaw(
            "apply",
            plan.toString(),
            "--dry-run",
            "--region",
            "us-east-1",
            "--endpoint-url",
            endpoint + "/");
    assertThat(same.exitCode()).as(same::toString).isZero();
  }

  @Test
  void thePlanRecordsTheOwnerAndApplyHoldsToIt() throws Exception {
    Path owned = dir.resolve("owned.json");
    CliResult saved =
        h.run(
            "delete",
            "--domain",
            "acme",
            "--domain-owner",
            "111122223333",
            "--repository",
            "releases",
            "--package",
            "@acme/icons",
            "--no-protect-latest",
            "--save-plan",
            owned.toString());
    assertThat(saved.exitCode()).as(saved::toString).isZero();
    JsonNode doc = JSON.readTree(Files.readString(owned));
    assertThat(doc.path("domainOwner").asText()).isEqualTo("111122223333");
    h.sandbox.resetStats();
    CliResult other = h.run("apply", owned.toString(), "--yes", "--domain-owner", "444455556666");
    assertThat(other.exitCode()).as(other::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err()).contains("account 111122223333").contains("444455556666");
    assertThat(h.totalCalls()).isZero();
    CliResult show = h.runRaw("plan", "show", owned.toString());
    assertThat(show.out()).contains("(owner 111122223333)").contains("For region us-east-1");
  }

  @Test
  void anEnvironmentEndpointIsRefusedForAPlanMadeAgainstAws() throws Exception {
    dev.caprune.report.PlanFile.write(
        new dev.caprune.select.Plan(
            dev.caprune.select.Plan.SCHEMA_VERSION,
            "0.1.0",
            SandboxHarness.NOW,
            "us-east-1",
            null,
            "acme",
            null,
            "delete",
            java.util.List.of()),
        plan);
    h.withContext(
        new CliContext(
            h.context().clock(),
            h.context().gateways(),
            CliContext.Terminal.none(),
            Map.of("AWS_ENDPOINT_URL", h.sandbox.endpoint().toString())));
    CliResult r = h.runRaw("apply", plan.toString(), "--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("AWS's endpoint").contains("AWS_ENDPOINT_URL");
    assertThat(h.totalCalls()).isZero();
  }
}
