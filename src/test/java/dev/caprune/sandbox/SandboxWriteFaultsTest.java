package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.Fixtures;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.ConflictException;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageSummary;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionError;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionErrorCode;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;
import software.amazon.awssdk.services.codeartifact.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeartifact.model.ResourceType;
import software.amazon.awssdk.services.codeartifact.model.SuccessfulPackageVersionInfo;

/**
 * {@code --conflict-rate} and {@code --partial-rate}, through the real SDK: every answer accounts
 * for exactly the versions sent, and equals the change in {@code /_sandbox/state}, over many seeds.
 */
class SandboxWriteFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  // ---- conflicts

  @Test
  void aConflictIs409NamingThePackageAndChangesNothing() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().conflictRate(1.0).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      String before = sandbox.stateJson();
      List<Runnable> writes =
          List.of(
              () ->
                  client.deletePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad")
                              .versions("1.0.0")),
              () ->
                  client.updatePackageVersionsStatus(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad")
                              .versions("1.0.0", "1.3.0")
                              .targetStatus(PackageVersionStatus.ARCHIVED)),
              () ->
                  client.disposePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad")
                              .versions("1.0.0")));
      for (Runnable write : writes) {
        assertThatThrownBy(write::run)
            .isInstanceOfSatisfying(
                ConflictException.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(409);
                  assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
                  assertThat(e.resourceType()).isEqualTo(ResourceType.PACKAGE);
                  assertThat(e.resourceId()).isEqualTo("left-pad");
                  assertThat(e.awsErrorDetails().errorMessage()).contains("Nothing was changed");
                });
      }
      assertThat(sandbox.stateJson()).isEqualTo(before);
      assertThat(sandbox.conflicts()).isEqualTo(3);
      // reads are never answered 409
      assertThat(
              client
                  .listPackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad"))
                  .versions())
          .hasSize(2);
      // a write to a package that does not exist is still a 404, not a conflict
      assertThatThrownBy(
              () ->
                  client.deletePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("no-such")
                              .versions("1.0.0")))
          .isInstanceOf(ResourceNotFoundException.class);
      // the wire form: status, x-amzn-ErrorType and the model's members in the body
      HttpResponse<String> raw =
          Fixtures.http(
              sandbox,
              "POST",
              "/v1/package/versions/delete?domain=acme&repository=releases&format=npm"
                  + "&package=left-pad",
              "{\"versions\": [\"1.0.0\"]}",
              Fixtures.FAKE_AUTH);
      assertThat(raw.statusCode()).isEqualTo(409);
      assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValue("ConflictException");
      JsonNode body = JSON.readTree(raw.body());
      assertThat(body.path("resourceType").asText()).isEqualTo("package");
      assertThat(body.path("resourceId").asText()).isEqualTo("left-pad");
      assertThat(body.path("message").asText()).isNotBlank();
      assertThat(sandbox.stateJson()).isEqualTo(before);
      HttpResponse<String> stats = Fixtures.http(sandbox, "GET", "/_sandbox/stats", null);
      assertThat(JSON.readTree(stats.body()).path("conflicts").asLong()).isEqualTo(4);
      sandbox.setConflictRate(0);
      assertThat(
              client
                  .deletePackageVersions(
                      r ->
                          r.domain("acme")
                              .repository("releases")
                              .format(PackageFormat.NPM)
                              .packageValue("left-pad")
                              .versions("1.0.0"))
                  .successfulVersions())
          .containsOnlyKeys("1.0.0");
    }
  }

  // ---- partial answers

  @Test
  void aPartialAnswerChangesAStrictPartAndSkipsTheRest() throws Exception {
    try (Sandbox sandbox = Fixtures.seeded().partialRate(1.0).randomSeed(3).start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      var r =
          client.updatePackageVersionsStatus(
              b ->
                  b.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.MAVEN)
                      .namespace("com.acme")
                      .packageValue("core")
                      .versions("1.0", "1.1", "1.2", "1.2-SNAPSHOT")
                      .targetStatus(PackageVersionStatus.UNLISTED));
      assertThat(r.successfulVersions()).isNotEmpty().hasSizeLessThan(4);
      assertThat(r.failedVersions()).hasSize(4 - r.successfulVersions().size());
      assertThat(r.failedVersions().values())
          .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo(PackageVersionErrorCode.SKIPPED));
      assertThat(sandbox.partials()).isEqualTo(1);
      // a call of one version cannot be split: it is answered whole
      var one =
          client.disposePackageVersions(
              b ->
                  b.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.NPM)
                      .packageValue("left-pad")
                      .versions("1.0.0"));
      assertThat(one.successfulVersions()).containsOnlyKeys("1.0.0");
      assertThat(sandbox.partials()).isEqualTo(1);
      // deletes are not affected
      var delete =
          client.deletePackageVersions(
              b ->
                  b.domain("acme")
                      .repository("releases")
                      .format(PackageFormat.NPM)
                      .namespace("acme")
                      .packageValue("ui-kit")
                      .versions("1.0.0", "2.0.0"));
      assertThat(delete.successfulVersions()).containsOnlyKeys("1.0.0", "2.0.0");
      HttpResponse<String> stats = Fixtures.http(sandbox, "GET", "/_sandbox/stats", null);
      assertThat(JSON.readTree(stats.body()).path("partials").asLong()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void everyAnswerIsExactlyTheChangeInTheState(long seed) throws Exception {
    Tally tally = new Tally();
    try (Sandbox sandbox =
            Sandbox.builder()
                .generate(6, 12)
                .randomSeed(seed)
                .now(NOW)
                .conflictRate(0.3)
                .partialRate(0.5)
                .start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      Random random = new Random(seed * 31 + 7);
      List<PackageSummary> packages =
          client.listPackages(r -> r.domain("caprune").repository("generated")).packages();
      for (int i = 0; i < 40; i++) {
        writeAndCheck(
            sandbox, client, packages.get(random.nextInt(packages.size())), random, tally);
      }
      assertThat(sandbox.conflicts()).isEqualTo(tally.conflicts);
      assertThat(sandbox.partials()).isEqualTo(tally.partials);
    }
    // over 40 calls at these rates each kind of answer shows up
    assertThat(tally.conflicts).isPositive();
    assertThat(tally.partials).isPositive();
    assertThat(tally.whole).isPositive();
  }

  @Test
  void conflictsAndPartialAnswersReplayForTheSameSeed() throws Exception {
    assertThat(trace(21)).isEqualTo(trace(21)).isNotEqualTo(trace(22));
  }

  /** The answers to a fixed sequence of writes, as text. */
  private static List<String> trace(long seed) throws Exception {
    List<String> out = new ArrayList<>();
    try (Sandbox sandbox =
            Sandbox.builder()
                .generate(4, 10)
                .randomSeed(seed)
                .now(NOW)
                .conflictRate(0.3)
                .partialRate(0.6)
                .start();
        CodeartifactClient client = Fixtures.client(sandbox)) {
      List<PackageSummary> packages =
          client.listPackages(r -> r.domain("caprune").repository("generated")).packages();
      Random random = new Random(99); // the same requests for every sandbox seed
      for (int i = 0; i < 30; i++) {
        out.add(
            writeAndCheck(
                sandbox, client, packages.get(random.nextInt(packages.size())), random, null));
      }
      out.add(sandbox.stateJson());
    }
    return out;
  }

  /** A version's status and revision in the state. */
  private record Held(String status, String revision) {}

  /** Counts of the kinds of answer seen. */
  private static final class Tally {
    long conflicts;
    long partials;
    long whole;
  }

  private enum Kind {
    DELETE,
    UPDATE,
    DISPOSE
  }

  /**
   * Sends one random write for {@code pkg} and checks the answer against the state before and
   * after: every version sent is in exactly one of the two maps, the state changed by exactly the
   * successes, and a partial answer (the only way a status change may mix SKIPPED with successes
   * when no version failed its own checks) changed a non-empty part. Returns the answer as text.
   */
  private static String writeAndCheck(
      Sandbox sandbox, CodeartifactClient client, PackageSummary pkg, Random random, Tally tally)
      throws Exception {
    Map<String, Held> before = state(sandbox, pkg);
    List<String> names = new ArrayList<>(before.keySet());
    List<String> sent = new ArrayList<>();
    int n = 1 + random.nextInt(Math.min(8, Math.max(1, names.size())));
    for (int i = 0; i < n && !names.isEmpty(); i++) {
      sent.add(names.remove(random.nextInt(names.size())));
    }
    if (random.nextInt(5) == 0) {
      sent.add("99.99.99-missing");
    }
    Kind kind = Kind.values()[random.nextInt(3)];
    List<String> statuses = List.of("Published", "Unlisted", "Archived");
    String expected = random.nextInt(3) == 0 ? statuses.get(random.nextInt(3)) : null;
    String target = kind == Kind.UPDATE ? statuses.get(random.nextInt(3)) : null;
    Map<String, SuccessfulPackageVersionInfo> ok;
    Map<String, PackageVersionError> failed;
    try {
      switch (kind) {
        case DELETE -> {
          var r =
              client.deletePackageVersions(
                  b ->
                      b.domain("caprune")
                          .repository("generated")
                          .format(pkg.format())
                          .namespace(pkg.namespace())
                          .packageValue(pkg.packageValue())
                          .versions(sent)
                          .expectedStatus(expected));
          ok = r.successfulVersions();
          failed = r.failedVersions();
        }
        case UPDATE -> {
          var r =
              client.updatePackageVersionsStatus(
                  b ->
                      b.domain("caprune")
                          .repository("generated")
                          .format(pkg.format())
                          .namespace(pkg.namespace())
                          .packageValue(pkg.packageValue())
                          .versions(sent)
                          .expectedStatus(expected)
                          .targetStatus(target));
          ok = r.successfulVersions();
          failed = r.failedVersions();
        }
        default -> {
          var r =
              client.disposePackageVersions(
                  b ->
                      b.domain("caprune")
                          .repository("generated")
                          .format(pkg.format())
                          .namespace(pkg.namespace())
                          .packageValue(pkg.packageValue())
                          .versions(sent)
                          .expectedStatus(expected));
          ok = r.successfulVersions();
          failed = r.failedVersions();
        }
      }
    } catch (ConflictException e) {
      assertThat(state(sandbox, pkg)).as("a 409 changes nothing").isEqualTo(before);
      if (tally != null) {
        tally.conflicts++;
      }
      return kind + " 409";
    }
    // every version sent is answered, once
    assertThat(ok.keySet().stream().filter(failed::containsKey).toList()).isEmpty();
    Set<String> answered = new HashSet<>(ok.keySet());
    answered.addAll(failed.keySet());
    assertThat(answered).isEqualTo(new HashSet<>(sent));
    // the state changed by exactly the successes, as they say
    String newStatus =
        switch (kind) {
          case DELETE -> "Deleted";
          case UPDATE -> target;
          case DISPOSE -> "Disposed";
        };
    Map<String, Held> want = new TreeMap<>();
    want.putAll(before);
    for (var e : ok.entrySet()) {
      assertThat(before).containsKey(e.getKey());
      assertThat(e.getValue().statusAsString()).isEqualTo(newStatus);
      assertThat(e.getValue().revision()).isEqualTo(before.get(e.getKey()).revision());
      if (kind == Kind.DELETE) {
        want.remove(e.getKey());
      } else {
        want.put(e.getKey(), new Held(newStatus, before.get(e.getKey()).revision()));
      }
    }
    assertThat(state(sandbox, pkg)).isEqualTo(want);
    if (kind != Kind.DELETE) {
      // which versions pass their own checks, from the state before the call
      List<String> eligible = new ArrayList<>();
      boolean ownFailures = false;
      for (String v : sent) {
        Held was = before.get(v);
        boolean passes =
            was != null
                && (expected == null || expected.equals(was.status()))
                && !("Disposed".equals(was.status()) && kind == Kind.UPDATE);
        if (passes) {
          eligible.add(v);
        } else {
          ownFailures = true;
          assertThat(failed.get(v).errorCode()).isNotEqualTo(PackageVersionErrorCode.SKIPPED);
        }
      }
      assertThat(eligible).containsAll(ok.keySet());
      if (!ownFailures && !eligible.isEmpty()) {
        assertThat(ok).as("with nothing failing its own checks, something changes").isNotEmpty();
      }
      for (String v : eligible) {
        if (!ok.containsKey(v)) {
          assertThat(failed.get(v).errorCode()).isEqualTo(PackageVersionErrorCode.SKIPPED);
        }
      }
      // all or nothing, unless the call was answered in part
      boolean partial = ownFailures ? !ok.isEmpty() : ok.size() < eligible.size();
      if (tally != null) {
        if (partial) {
          tally.partials++;
        } else {
          tally.whole++;
        }
      }
    } else if (tally != null) {
      tally.whole++;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    ok.forEach((k, v) -> answer.put(k, v.statusAsString()));
    failed.forEach((k, v) -> answer.put(k, v.errorCodeAsString()));
    return kind + " " + new TreeMap<>(answer);
  }

  /** One package's versions in /_sandbox/state: version → {status, revision}. */
  private static Map<String, Held> state(Sandbox sandbox, PackageSummary pkg) throws Exception {
    Map<String, Held> out = new TreeMap<>();
    JsonNode root = JSON.readTree(sandbox.stateJson());
    for (JsonNode d : root.path("domains")) {
      for (JsonNode r : d.path("repositories")) {
        for (JsonNode p : r.path("packages")) {
          if (p.path("format").asText().equals(pkg.formatAsString())
              && p.path("name").asText().equals(pkg.packageValue())
              && p.path("namespace").asText(null) == null == (pkg.namespace() == null)
              && (pkg.namespace() == null
                  || p.path("namespace").asText().equals(pkg.namespace()))) {
            for (JsonNode v : p.path("versions")) {
              out.put(
                  v.path("version").asText(),
                  new Held(v.path("status").asText(), v.path("revision").asText()));
            }
          }
        }
      }
    }
    return out;
  }
}
