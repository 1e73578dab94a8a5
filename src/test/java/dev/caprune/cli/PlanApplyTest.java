package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.Golden;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanApplyTest {
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
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private CliResult savePlan(String action, String... filters) {
    List<String> all =
        new ArrayList<>(
            List.of(
                action,
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--save-plan",
                plan.toString()));
    all.addAll(List.of(filters));
    return h.run(all.toArray(String[]::new));
  }

  private CliResult apply(String... args) {
    List<String> all = new ArrayList<>(List.of("apply", plan.toString()));
    all.addAll(List.of(args));
    return h.run(all.toArray(String[]::new));
  }

  private Set<String> changed() throws Exception {
    Set<String> now = SandboxState.versions(h.state());
    Set<String> gone =
        seed.stream().filter(l -> !now.contains(l)).map(l -> "-" + l).collect(Collectors.toSet());
    now.stream().filter(l -> !seed.contains(l)).forEach(l -> gone.add("+" + l));
    return gone;
  }

  @Test
  void savingAPlanChangesNothingAndShowsIt() throws Exception {
    CliResult r = savePlan("delete", "--package", "@acme/ui-kit", "--version", "1.*");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(h.writeCalls()).isZero();
    assertThat(changed()).isEmpty();
    assertThat(r.err()).contains("plan written to").contains("caprune apply");
    JsonNode doc = JSON.readTree(Files.readString(plan));
    assertThat(doc.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(doc.path("region").asText()).isEqualTo("us-east-1");
    assertThat(doc.path("endpoint").asText()).isEqualTo(h.sandbox.endpoint().toString());
    assertThat(doc.has("domainOwner")).isTrue();
    assertThat(doc.path("action").asText()).isEqualTo("delete");
    assertThat(doc.path("createdAt").asText()).isEqualTo("2025-07-01T00:00:00Z");
    assertThat(doc.path("checksum").asText()).startsWith("sha256:");
    assertThat(doc.path("versions")).hasSize(2);
    assertThat(doc.path("versions").get(1).path("status").asText()).isEqualTo("Unlisted");
    assertThat(doc.path("versions").get(1).path("revision").asText()).isEqualTo("r-ui-101");
  }

  @Test
  void planShowIsPinnedByGoldenFiles() {
    assertThat(savePlan("archive", "--namespace", "acme", "--status", "Published").exitCode())
        .isZero();
    CliResult table = h.runRaw("plan", "show", plan.toString());
    assertThat(table.exitCode()).as(table::toString).isZero();
    String endpoint = h.sandbox.endpoint().toString();
    Golden.assertMatches(
        "plan-show.txt",
        table.out().replace(plan.toString(), "PLAN").replace(endpoint, "ENDPOINT"));
    CliResult json = h.runRaw("plan", "show", plan.toString(), "-o", "json");
    assertThat(json.exitCode()).as(json::toString).isZero();
    // The endpoint (a free port) is in the checksummed body: both vary from run to run.
    Golden.assertMatches(
        "plan-show.json",
        json.out()
            .replace(endpoint, "ENDPOINT")
            .replaceAll("sha256:[0-9a-f]{64}", "sha256:CHECKSUM"));
  }

  @Test
  void applyCarriesOutExactlyThePlan() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/ui-kit", "--version", "1.*").exitCode())
        .isZero();
    CliResult r = apply("--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isZero();
    assertThat(changed())
        .containsExactlyInAnyOrder(
            "-releases|npm|acme|ui-kit|1.0.0|Published|r-ui-100",
            "-releases|npm|acme|ui-kit|1.0.1|Unlisted|r-ui-101");
  }

  @Test
  void aPlanAppliedAfterChangesTouchesOnlyWhatIsUnchanged() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/*", "--no-protect-latest").exitCode())
        .isZero();
    // After the plan was made: one version archived, one republished (new revision), one new.
    h.sandbox.setStatus("acme", "releases", "npm", "acme", "icons", "0.1.0", "Archived");
    h.sandbox.setRevision("acme", "releases", "npm", "acme", "ui-kit", "2.1.0", "r-republished");
    seed = SandboxState.versions(h.state());
    CliResult r = apply("--yes", "-o", "json");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.PARTIAL);
    JsonNode packages = JSON.readTree(r.out()).path("packages");
    JsonNode icons = packages.get(0);
    assertThat(icons.path("failedVersions").path("0.1.0").path("errorCode").asText())
        .isEqualTo("MISMATCHED_STATUS");
    JsonNode ui = packages.get(1);
    assertThat(ui.path("failedVersions").path("2.1.0").path("errorCode").asText())
        .isEqualTo("MISMATCHED_REVISION");
    Set<String> now = SandboxState.versions(h.state());
    assertThat(now)
        .contains(
            "releases|npm|acme|icons|0.1.0|Archived|r-ic-010",
            "releases|npm|acme|ui-kit|2.1.0|Published|r-republished");
    assertThat(now)
        .noneMatch(l -> l.contains("|acme|ui-kit|1.0.0|") || l.contains("|acme|icons|0.2.0|"));
  }

  @Test
  void aTamperedPlanIsRefusedWithNoCall() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/icons", "--no-protect-latest").exitCode())
        .isZero();
    ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(plan));
    ObjectNode extra = ((ArrayNode) doc.path("versions")).addObject();
    extra.put("repository", "releases").put("format", "npm").put("namespace", "acme");
    extra.put("package", "ui-kit").put("version", "2.1.0").put("status", "Published");
    extra.put("revision", "r-ui-210");
    Files.writeString(plan, JSON.writeValueAsString(doc));
    h.sandbox.resetStats();
    CliResult r = apply("--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("checksum does not match").hasLineCount(1);
    assertThat(h.totalCalls()).isZero();
    assertThat(changed()).isEmpty();
  }

  @Test
  void anOldPlanIsRefused() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/icons").exitCode()).isZero();
    h.withContext(
        h.context()
            .withClock(Clock.fixed(SandboxHarness.NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC)));
    h.sandbox.resetStats();
    CliResult r = apply("--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("8d 0h old").contains("--max-age 7d");
    assertThat(h.totalCalls()).isZero();
    CliResult allowed = apply("--yes", "--max-age", "9d");
    assertThat(allowed.exitCode()).as(allowed::toString).isZero();
  }

  @Test
  void aPlanFromAFutureSchemaIsRefused() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/icons").exitCode()).isZero();
    ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(plan));
    doc.put("schemaVersion", 4); // 3 is a policy plan
    Files.writeString(plan, JSON.writeValueAsString(doc));
    CliResult r = apply("--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("schemaVersion 4 is newer");
    assertThat(h.writeCalls()).isZero();
  }

  @Test
  void aPlanForAnUnknownActionIsRefused() throws Exception {
    // Correctly checksummed, but from some other tool or a future caprune.
    dev.caprune.report.PlanFile.write(
        new dev.caprune.select.Plan(
            2,
            "9.9.9",
            SandboxHarness.NOW,
            "us-east-1",
            h.sandbox.endpoint().toString(),
            "acme",
            null,
            "purge",
            List.of()),
        plan);
    CliResult r = apply("--yes");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown action 'purge'");
    assertThat(h.totalCalls()).isZero();
  }

  @Test
  void applyHonoursConfirmationAndMax() throws Exception {
    assertThat(savePlan("delete", "--package", "@acme/*", "--no-protect-latest").exitCode())
        .isZero();
    CliResult noTerminal = apply();
    assertThat(noTerminal.exitCode()).as(noTerminal::toString).isEqualTo(ExitCodes.REFUSED);
    CliResult tooMany = apply("--yes", "--max", "3");
    assertThat(tooMany.exitCode()).as(tooMany::toString).isEqualTo(ExitCodes.REFUSED);
    assertThat(h.writeCalls()).isZero();
    CliResult dry = apply("--dry-run");
    assertThat(dry.exitCode()).as(dry::toString).isZero();
    assertThat(dry.out()).contains("would delete");
    assertThat(h.writeCalls()).isZero();
    assertThat(changed()).isEmpty();
  }
}
