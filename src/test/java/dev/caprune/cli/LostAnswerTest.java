package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Succeeded" means changed by this run: a version found in its target state after the call's
 * answer was lost is already done (this run's call or another's may have done it), never a success,
 * for a status change and for a delete; and a package that DeletePackage found gone is already
 * gone, not deleted.
 */
class LostAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The versions listed Published: the first call's (one call per status as listed). */
  private static final List<String> PUBLISHED = List.of("1.0.0", "1.0.3", "1.0.6", "1.0.9");

  /** pkg-0: 1.0.0 to 1.0.11, Published, Unlisted and Archived in turn (8 not Archived). */
  private static SandboxHarness sandbox() throws Exception {
    return new SandboxHarness(
        Sandbox.builder().seedJson(FaultMatrixTest.seed(1, 12)).randomSeed(1).start());
  }

  /**
   * Between the listing and the write, another client gives every version the target status; the
   * write (refused: the statuses no longer match) loses its answer; the re-listing finds every
   * version in its target state. This run changed nothing, so nothing is reported succeeded.
   */
  private static CliResult lostAfterAnother(
      SandboxHarness h, String action, String write, String to) throws Exception {
    // The lost answer is drawn before the call's hook runs: armed in the listing's hook, it hits
    // the write; the write's hook disarms it for the re-listing.
    h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setLostReplyRate(1));
    h.sandbox.beforeNextCall(
        write,
        () -> {
          h.sandbox.setLostReplyRate(0);
          for (int v = 0; v < 12; v++) {
            h.sandbox.setStatus("acme", "faulty", "npm", null, "pkg-0", "1.0." + v, to);
          }
        });
    return h.run(
        action,
        "--domain",
        "acme",
        "--repository",
        "faulty",
        "--version",
        "1.0.*",
        "--no-protect-latest",
        "--max-attempts",
        "3",
        "--yes",
        "-o",
        "json");
  }

  @Test
  void aStatusSetByAnotherWhileTheAnswerWasLostIsAlreadyDoneNotSucceeded() throws Exception {
    try (SandboxHarness h = sandbox()) {
      CliResult r = lostAfterAnother(h, "archive", "UpdatePackageVersionsStatus", "Archived");
      assertThat(h.sandbox.lostReplies()).as(r::toString).isEqualTo(1);
      // One call per status as listed (Published, Unlisted): only the first one's answer is lost.
      assertThat(h.calls("UpdatePackageVersionsStatus")).as(r::toString).isEqualTo(2);
      JsonNode doc = JSON.readTree(r.out());
      JsonNode summary = doc.path("summary");
      assertThat(summary.path("selected").asInt()).as(r::toString).isEqualTo(8);
      assertThat(summary.path("succeeded").asInt()).as(r::toString).isZero();
      assertThat(summary.path("alreadyDone").asInt()).as(r::toString).isEqualTo(8);
      JsonNode already = doc.path("packages").path(0).path("alreadyDone");
      for (String v : PUBLISHED) {
        assertThat(already.path(v).path("errorCode").asText())
            .as(r::toString)
            .isEqualTo("ANSWER_LOST");
        assertThat(already.path(v).path("errorMessage").asText())
            .contains("was lost")
            .contains("another");
      }
      assertThat(r.exitCode()).as(r::toString).isZero();
    }
  }

  @Test
  void aVersionDeletedByAnotherWhileTheAnswerWasLostIsAlreadyDoneNotSucceeded() throws Exception {
    try (SandboxHarness h = sandbox()) {
      CliResult r = lostAfterAnother(h, "delete", "DeletePackageVersions", "Deleted");
      assertThat(h.sandbox.lostReplies()).as(r::toString).isEqualTo(1);
      JsonNode summary = JSON.readTree(r.out()).path("summary");
      assertThat(summary.path("selected").asInt()).as(r::toString).isEqualTo(12);
      assertThat(summary.path("succeeded").asInt()).as(r::toString).isZero();
      assertThat(summary.path("alreadyDone").asInt()).as(r::toString).isEqualTo(12);
      assertThat(r.exitCode()).as(r::toString).isZero();
    }
  }

  /**
   * The first delete takes effect and loses its answer, the re-listing loses its answers too (both
   * attempts), so the same versions are sent again and answered NOT_FOUND: that cannot tell this
   * run's first call from another client's delete, so each is already done, not succeeded.
   */
  @Test
  void aNotFoundAfterALostAnswerIsAlreadyDoneNotSucceeded() throws Exception {
    try (SandboxHarness h = sandbox()) {
      // Each rate set in a hook applies from the call after the hooked one: the first delete and
      // both attempts of the re-listing after it lose their answers (each attempt twice: the JDK
      // sends a body-less request again, unasked, when its answer is lost), then nothing does.
      h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setLostReplyRate(1));
      for (int i = 0; i < 3; i++) {
        h.sandbox.beforeNextCall("ListPackageVersions", () -> {});
      }
      h.sandbox.beforeNextCall("ListPackageVersions", () -> h.sandbox.setLostReplyRate(0));
      CliResult r =
          h.run(
              "delete",
              "--domain",
              "acme",
              "--repository",
              "faulty",
              "--version",
              "1.0.*",
              "--no-protect-latest",
              "--max-attempts",
              "2",
              "--yes",
              "-o",
              "json");
      assertThat(h.sandbox.lostReplies()).as(r::toString).isEqualTo(5);
      assertThat(h.calls("ListPackageVersions")).as(r::toString).isEqualTo(5);
      // Published (lost, then sent again), Unlisted, Archived.
      assertThat(h.calls("DeletePackageVersions")).as(r::toString).isEqualTo(4);
      assertThat(h.state().toString()).doesNotContain("\"1.0.");
      JsonNode doc = JSON.readTree(r.out());
      JsonNode summary = doc.path("summary");
      // The Unlisted and Archived calls were answered: this run's successes.
      assertThat(summary.path("succeeded").asInt()).as(r::toString).isEqualTo(8);
      assertThat(summary.path("alreadyDone").asInt()).as(r::toString).isEqualTo(4);
      JsonNode already = doc.path("packages").path(0).path("alreadyDone");
      for (String v : PUBLISHED) {
        assertThat(already.path(v).path("errorCode").asText())
            .as(r::toString)
            .isEqualTo("ANSWER_LOST");
      }
      assertThat(r.exitCode()).as(r::toString).isZero();
    }
  }
}
