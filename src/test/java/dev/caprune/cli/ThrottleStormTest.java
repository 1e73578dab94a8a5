package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.HostileServer;
import dev.caprune.testing.HostileServer.Reply;
import dev.caprune.testing.HostileServer.Request;
import dev.caprune.testing.Runs;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bursts and storms of 429s from a crafted server, to writes and to listings: whatever the
 * Retry-After says (nothing, 0, a huge or a garbage value), a throttled call is retried after a
 * bounded wait and the record is exactly what the server accepted; a throttle on every attempt ends
 * with a clear failure and exit 1 (documented: throttled past the retries); a storm on one of two
 * targets that spend one quota slows the other too. Calls are counted; wall time is never asserted,
 * only bounded.
 */
class ThrottleStormTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
    System.setProperty("aws.region", "us-east-1");
  }

  @TempDir Path dir;
  private HostileServer server;

  /** The versions the server holds, by package; writes that it accepts remove them. */
  private final Map<String, Set<String>> present = new ConcurrentHashMap<>();

  /** Every version the server answered a write with success for, as package|version. */
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    server = HostileServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, String> query(Request r) {
    Map<String, String> q = new HashMap<>();
    for (String kv : r.query().split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  /** A repository of packages with versions 1.0.0, 1.1.0 and 2.0.0, listed as they stand. */
  private void serve(String... packages) {
    for (String p : packages) {
      present.put(
          p, new java.util.concurrent.CopyOnWriteArraySet<>(List.of("1.0.0", "1.1.0", "2.0.0")));
    }
    server.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, packages)));
    server.on("ListPackageVersions", listing());
    server.on(
        "ListRepositoriesInDomain",
        Reply.json(
            200,
            "{\"repositories\": [{\"name\": \"releases\", \"domainName\": \"acme\","
                + " \"domainOwner\": \"111122223333\"}]}"));
  }

  private Function<Request, Reply> listing() {
    return r -> {
      String p = query(r).get("package");
      Set<String> vs = present.getOrDefault(p, Set.of());
      return Reply.json(
          200, HostileServer.versions("npm", p, "2.0.0", new TreeSet<>(vs).toArray(String[]::new)));
    };
  }

  /** Applies a delete to the server's state and answers it with success. */
  private Function<Request, Reply> accept() {
    return r -> {
      apply(r);
      return HostileServer.echoWrite("Deleted").apply(r);
    };
  }

  private void apply(Request r) {
    String p = query(r).get("package");
    r.json()
        .path("versions")
        .forEach(
            v -> {
              present.get(p).remove(v.asText());
              accepted.add(p + "|" + v.asText());
            });
  }

  /** The first {@code n} requests get {@code first}, the rest {@code then}. */
  private static Function<Request, Reply> firstThen(
      int n, Function<Request, Reply> first, Function<Request, Reply> then) {
    AtomicInteger seen = new AtomicInteger();
    return r -> seen.getAndIncrement() < n ? first.apply(r) : then.apply(r);
  }

  private CliResult delete(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delete",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--version",
                "1.*",
                "--yes",
                "-o",
                "json",
                "--region",
                "us-east-1",
                "--endpoint-url",
                server.endpoint().toString()));
    args.addAll(List.of(extra));
    return Runs.run(Runs.context(), args.toArray(String[]::new));
  }

  /** package|version of every version the report says succeeded or was already done. */
  private static Set<String> done(JsonNode doc) {
    Set<String> done = new TreeSet<>();
    for (JsonNode p : doc.path("packages")) {
      String name = p.path("package").asText();
      p.path("successfulVersions").fieldNames().forEachRemaining(v -> done.add(name + "|" + v));
      p.path("alreadyDone").fieldNames().forEachRemaining(v -> done.add(name + "|" + v));
    }
    return done;
  }

  private static Map<String, String> failed(JsonNode doc) {
    Map<String, String> failed = new HashMap<>();
    for (JsonNode p : doc.path("packages")) {
      String name = p.path("package").asText();
      p.path("failedVersions")
          .fields()
          .forEachRemaining(
              e -> failed.put(name + "|" + e.getKey(), e.getValue().path("errorCode").asText()));
    }
    return failed;
  }

  /** The versions sent to a write are the selected ones, and each request was identical. */
  private void assertOnlySelectedWereSent() {
    Set<String> sent = new HashSet<>(server.versionsSentToWrites());
    assertThat(sent).isSubsetOf("1.0.0", "1.1.0");
  }

  // ---- a burst of 429s to the writes ----

  /**
   * Two 429s, then success: whatever the Retry-After (absent, 0, 1, empty, garbage, negative, a
   * fraction, a date in the past), the call is retried as a throttle: three identical requests, no
   * re-listing (a throttled write changed nothing), both versions succeeded, exactly as accepted.
   */
  @ParameterizedTest(name = "Retry-After: {0}")
  @ValueSource(
      strings = {
        "<none>",
        "0",
        "1",
        "",
        "soon",
        "-1",
        "0.5",
        "Wed, 21 Oct 2015 07:28:00 GMT",
      })
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aBurstOf429sToAWriteIsRetriedWhateverTheRetryAfter(String retryAfter) throws Exception {
    serve("left-pad");
    String header = retryAfter.equals("<none>") ? null : retryAfter;
    server.on("DeletePackageVersions", firstThen(2, r -> Reply.throttle(header), accept()));
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(done(doc)).containsExactlyInAnyOrder("left-pad|1.0.0", "left-pad|1.1.0");
    assertThat(done(doc)).isEqualTo(accepted);
    assertThat(doc.path("packages").get(0).path("successfulVersions").size()).isEqualTo(2);
    List<Request> writes = server.writes();
    assertThat(writes).as(r::toString).hasSize(3);
    assertThat(writes.stream().map(Request::body).distinct()).hasSize(1);
    assertThat(server.requests("ListPackageVersions"))
        .as("a 429 is a throttle, not a lost answer: nothing to re-check")
        .hasSize(1);
    assertOnlySelectedWereSent();
  }

  /**
   * A 429 that does not say ThrottlingException (a proxy's or a load balancer's: no error type, a
   * body that is not JSON) is a throttle too, by its status: retried, no re-listing.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"json without a type", "html", "empty"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a429FromSomethingElseThanTheServiceIsAThrottleToo(String kind) throws Exception {
    serve("left-pad");
    Reply reply =
        switch (kind) {
          case "json without a type" -> Reply.json(429, "{\"message\": \"Too Many Requests\"}");
          case "html" -> Reply.json(429, "<html><body>429 Too Many Requests</body></html>");
          default -> Reply.json(429, "");
        };
    server.on("DeletePackageVersions", firstThen(1, r -> reply, accept()));
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    assertThat(done(JSON.readTree(r.out()))).isEqualTo(accepted).hasSize(2);
    assertThat(server.writes()).hasSize(2);
    assertThat(server.requests("ListPackageVersions"))
        .as("a 429 is a throttle, not a lost answer: nothing to re-check")
        .hasSize(1);
  }

  /**
   * A Retry-After too long to wait (past an int, a day, a date next year) is still a throttle: with
   * one attempt allowed the call fails as throttled at once (REQUEST_FAILED, exit 1), never as a
   * server error with an unknown outcome. How long caprune waits for it is {@code
   * RetryAfterBoundTest}'s, and end to end {@link #aHugeRetryAfterIsWaitedAtMostTheBound()}'s.
   */
  @ParameterizedTest(name = "Retry-After: {0}")
  @ValueSource(strings = {"99999999999", "86400", "Fri, 01 Jan 2100 00:00:00 GMT"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHugeRetryAfterIsAThrottleNotAServerFailure(String retryAfter) throws Exception {
    serve("left-pad");
    server.on("DeletePackageVersions", r -> Reply.throttle(retryAfter));
    CliResult r = delete("--max-attempts", "1");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(failed(doc))
        .containsOnlyKeys("left-pad|1.0.0", "left-pad|1.1.0")
        .containsValues("REQUEST_FAILED");
    assertThat(done(doc)).isEmpty();
    assertThat(server.writes()).hasSize(1);
    assertThat(server.requests("ListPackageVersions")).hasSize(1);
    assertThat(present.get("left-pad")).hasSize(3);
  }

  /**
   * End to end, the bound itself: one 429 with {@code Retry-After: 86400}, then success. Waiting 20
   * s, it runs only when {@code -Dcaprune.slowThrottle=true} ({@code packaging/fault-matrix.sh}).
   */
  @Test
  @EnabledIfSystemProperty(named = "caprune.slowThrottle", matches = "true")
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aHugeRetryAfterIsWaitedAtMostTheBound() throws Exception {
    serve("left-pad");
    server.on("DeletePackageVersions", firstThen(1, r -> Reply.throttle("86400"), accept()));
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    List<Request> writes = server.writes();
    assertThat(writes).hasSize(2);
    Duration waited = Duration.between(writes.get(0).at(), writes.get(1).at());
    System.out.println("Retry-After 86400: the retry came " + waited.toMillis() + " ms later");
    assertThat(waited).isLessThan(Duration.ofSeconds(20 + 10));
    assertThat(done(JSON.readTree(r.out()))).isEqualTo(accepted).hasSize(2);
  }

  // ---- a burst of 429s to the listings ----

  @ParameterizedTest(name = "Retry-After: {0}")
  @ValueSource(strings = {"<none>", "0", "soon"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aBurstOf429sToAListingIsRetriedAndTheRunCompletes(String retryAfter) throws Exception {
    serve("left-pad", "right-pad");
    String header = retryAfter.equals("<none>") ? null : retryAfter;
    server.on("ListPackageVersions", firstThen(3, r -> Reply.throttle(header), listing()));
    server.on("DeletePackageVersions", accept());
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(done(doc))
        .containsExactlyInAnyOrder(
            "left-pad|1.0.0", "left-pad|1.1.0", "right-pad|1.0.0", "right-pad|1.1.0")
        .isEqualTo(accepted);
    assertThat(server.requests("ListPackageVersions")).hasSize(2 + 3);
    assertThat(server.writes()).hasSize(2);
  }

  // ---- a 429, then a lost answer ----

  /** The second attempt deletes and hangs up: the re-check finds both gone (ANSWER_LOST). */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a429ThenALostAnswerThatDidTheWorkIsFoundDone() throws Exception {
    serve("left-pad");
    AtomicInteger n = new AtomicInteger();
    server.on(
        "DeletePackageVersions",
        r -> {
          int i = n.getAndIncrement();
          if (i == 0) {
            return Reply.throttle("0");
          }
          if (i == 1) {
            apply(r);
            return Reply.hangUp();
          }
          return accept().apply(r);
        });
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(done(doc)).isEqualTo(accepted).hasSize(2);
    JsonNode already = doc.path("packages").get(0).path("alreadyDone");
    assertThat(already.path("1.0.0").path("errorCode").asText()).isEqualTo("ANSWER_LOST");
    assertThat(already.path("1.1.0").path("errorCode").asText()).isEqualTo("ANSWER_LOST");
    assertThat(server.writes()).hasSize(2);
    assertThat(present.get("left-pad")).containsExactly("2.0.0");
  }

  /** The second attempt hangs up having done nothing: the re-check sends it again. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a429ThenALostAnswerThatDidNothingIsSentAgain() throws Exception {
    serve("left-pad");
    server.on(
        "DeletePackageVersions",
        firstThen(1, r -> Reply.throttle("0"), firstThen(1, r -> Reply.hangUp(), accept())));
    CliResult r = delete();
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("packages").get(0).path("successfulVersions").size()).isEqualTo(2);
    assertThat(done(doc)).isEqualTo(accepted).hasSize(2);
    assertThat(server.writes()).hasSize(3);
    assertThat(server.writes().stream().map(Request::body).distinct()).hasSize(1);
  }

  // ---- 429 on every call, past the retries ----

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyWriteThrottledEndsWithAClearFailureAndAnExactRecord() throws Exception {
    serve("left-pad", "right-pad");
    server.on("DeletePackageVersions", r -> Reply.throttle("0"));
    CliResult r = delete("--max-attempts", "3");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    JsonNode doc = JSON.readTree(r.out());
    Map<String, String> failed = failed(doc);
    assertThat(failed)
        .containsOnlyKeys("left-pad|1.0.0", "left-pad|1.1.0", "right-pad|1.0.0", "right-pad|1.1.0");
    assertThat(new HashSet<>(failed.values())).containsExactly("REQUEST_FAILED");
    assertThat(doc.path("summary").path("succeeded").asInt()).isZero();
    assertThat(doc.path("summary").path("notAttempted").asInt()).isZero();
    assertThat(server.writes()).as("3 attempts for each package's one call").hasSize(6);
    assertThat(server.requests("ListPackageVersions")).hasSize(2);
    assertThat(
            doc.path("packages")
                .get(0)
                .path("failedVersions")
                .path("1.0.0")
                .path("errorMessage")
                .asText())
        .contains(
            "Rate exceeded (throttled on all 3 attempts: lower --max-write-rps or raise --max-attempts)");
    assertThat(present.values()).allSatisfy(vs -> assertThat(vs).hasSize(3));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyListingThrottledEndsTheRunWithExit1AndNoWrite() throws Exception {
    serve("left-pad");
    server.on("ListPackageVersions", r -> Reply.throttle("0"));
    CliResult r = delete("--max-attempts", "3");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    assertThat(server.writes()).isEmpty();
    assertThat(server.requests("ListPackageVersions")).hasSize(3);
    assertThat(r.err().strip().lines()).as(r::toString).hasSize(1);
    assertThat(r.err())
        .contains("listing versions of left-pad in acme/releases: Rate exceeded")
        .contains("(throttled on all 3 attempts: lower --max-read-rps or raise --max-attempts)");
  }

  // ---- a storm on one of two targets that spend one quota ----

  /**
   * Two targets of one policy on one endpoint (one account and Region: one quota), at 20 writes a
   * second, two workers each. For 1 s from target one's first write, every write of target one is
   * answered 429 (Retry-After: 0): each retry, sent at the lowered rate, is throttled again and
   * halves the rate again. Target two is never throttled, yet it slows down too: its limiter is the
   * one the storm halved. Counted on the server's clock: target two's writes during the storm,
   * which at the cap would be 15 (all it has left; 0 after), must be at most half the cap's 20; the
   * record is exactly what the server accepted.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aStormOnOneTargetSlowsTheOtherThatSpendsTheSameQuota() throws Exception {
    int cap = 20;
    Duration storm = Duration.ofSeconds(1);
    List<String> one = new ArrayList<>();
    List<String> two = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      one.add("one-" + i);
    }
    for (int i = 0; i < 16; i++) {
      two.add("two-" + i);
    }
    for (String p : one) {
      present.put(p, new java.util.concurrent.CopyOnWriteArraySet<>(List.of("1.0.0", "2.0.0")));
    }
    for (String p : two) {
      present.put(p, new java.util.concurrent.CopyOnWriteArraySet<>(List.of("1.0.0", "2.0.0")));
    }
    server.on(
        "ListPackages",
        r ->
            Reply.json(
                200,
                HostileServer.packages(
                    "npm",
                    null,
                    (query(r).get("repository").equals("one") ? one : two)
                        .toArray(String[]::new))));
    server.on("ListPackageVersions", listing());
    server.on(
        "ListRepositoriesInDomain",
        Reply.json(200, "{\"repositories\": [{\"name\": \"one\"}, {\"name\": \"two\"}]}"));
    java.util.concurrent.atomic.AtomicReference<Instant> stormStart =
        new java.util.concurrent.atomic.AtomicReference<>();
    AtomicInteger stormed = new AtomicInteger();
    server.on(
        "DeletePackageVersions",
        r -> {
          if (query(r).get("repository").equals("one")) {
            stormStart.compareAndSet(null, r.at());
            if (r.at().isBefore(stormStart.get().plus(storm))) {
              stormed.incrementAndGet();
              return Reply.throttle("0");
            }
          }
          return accept().apply(r);
        });
    Path file = dir.resolve("two-targets.yaml");
    String u = server.endpoint().toString();
    Files.writeString(
        file,
        "version: 1\ntargets:\n"
            + "  - {name: one, domain: acme, region: us-east-1, endpointUrl: '"
            + u
            + "', repositories: [one]}\n"
            + "  - {name: two, domain: acme, region: us-east-1, endpointUrl: '"
            + u
            + "/', repositories: [two]}\n"
            + "rules:\n  - {name: old, action: delete, all: true}\n");
    CliResult r =
        Runs.run(
            Runs.context(),
            "policy",
            "run",
            file.toString(),
            "--yes",
            "-o",
            "ndjson",
            "--max-write-rps",
            Integer.toString(cap),
            "--max-attempts",
            "20",
            "--concurrency",
            "2");
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.OK);
    Set<String> done = new TreeSet<>();
    for (String line : r.out().split("\n")) {
      JsonNode l = JSON.readTree(line);
      if (l.path("type").asText().equals("version")) {
        assertThat(l.path("result").asText()).as(line).isIn("succeeded", "alreadyDone");
        done.add(l.path("package").asText() + "|" + l.path("version").asText());
      }
    }
    assertThat(done).as("the record is what the server accepted").isEqualTo(accepted);
    assertThat(done).hasSize(one.size() + two.size());
    assertThat(stormed.get()).as("target one's retries met the storm again").isGreaterThan(1);

    Instant start = stormStart.get();
    Instant end = start.plus(storm);
    List<Instant> twoWrites =
        server.writes().stream()
            .filter(w -> query(w).get("repository").equals("two"))
            .map(Request::at)
            .toList();
    long during = twoWrites.stream().filter(t -> !t.isBefore(start) && t.isBefore(end)).count();
    long after = twoWrites.stream().filter(t -> !t.isBefore(end)).count();
    System.out.printf(
        "storm on target one (%d x 429): target two sent %d writes in its %d ms, %d after%n",
        stormed.get(), during, storm.toMillis(), after);
    assertThat(after).as("target two still had work when the storm ended").isPositive();
    assertThat(during)
        .as(
            "target two was slowed by the storm on target one: at the cap it would send %d",
            cap * 2)
        .isLessThanOrEqualTo(cap * storm.toSeconds() / 2);
  }
}
