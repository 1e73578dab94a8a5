package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code policy run --event} fed events crafted by someone who wants it to act elsewhere: events
 * that two parsers could read differently, or that disagree with themselves, are exit 2 with no
 * call; names with glob characters, other cases and look-alike letters act on that exact package or
 * on none, never on its look-alikes, which sit beside it in the repository.
 */
class HostileEventTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SAMPLE = PolicyEventTest.EVENTS.resolve("npm-published.json");

  /** Look-alikes of each other in acme/releases, 4 versions each; a scoped app too. */
  static final List<String> NAMES = List.of("app", "apps", "App", "a*", "ap?", "[a]pp", "\u0430pp");

  static String seed() {
    StringBuilder b = new StringBuilder();
    for (String n : NAMES) {
      b.append(PolicyEventTest.npm(n, 4)).append(",\n");
    }
    b.append(
        PolicyEventTest.npm("app", 4).replace("\"name\"", "\"namespace\": \"scope\", \"name\""));
    try {
      // The names as JSON strings (the Cyrillic a, the brackets) through Jackson's own quoting.
      JSON.readTree("[" + b + "]");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return """
        {"domains": [{"name": "acme", "owner": "111122223333", "repositories": [
          {"name": "releases", "packages": [%s]},
          {"name": "other", "packages": [%s]}]}]}
        """
        .formatted(b, PolicyEventTest.npm("app", 4));
  }

  static final String POLICY =
      """
      version: 1
      targets:
        - name: main
          domain: acme
          domainOwner: "111122223333"
          endpointUrl: %s
          repositories: [releases]
      rules:
        - name: trim
          action: delete
          format: npm
          keepLatest: 1
      """;

  @TempDir Path dir;
  SandboxHarness s;
  Path policy;

  @BeforeEach
  void start() throws Exception {
    s = new SandboxHarness(Sandbox.builder().seedJson(seed()).start());
    policy = dir.resolve("retention.yaml");
    Files.writeString(policy, POLICY.formatted(s.sandbox.endpoint()));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static ObjectNode sample() {
    try {
      return (ObjectNode) JSON.readTree(SAMPLE.toFile());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String with(UnaryOperator<ObjectNode> change) {
    return change.apply(sample()).toString();
  }

  static ObjectNode detail(ObjectNode e) {
    return (ObjectNode) e.get("detail");
  }

  CliResult run(String eventText) throws Exception {
    return run(eventText.getBytes(StandardCharsets.UTF_8));
  }

  CliResult run(byte[] event) throws Exception {
    Path f = dir.resolve("event.json");
    Files.write(f, event);
    return s.runRaw(
        "policy", "run", policy.toString(), "--event", f.toString(), "--yes", "-o", "ndjson");
  }

  static Stream<Arguments> malformed() {
    String good = sample().toString();
    String detail = sample().get("detail").toString();
    String inner = detail.substring(1, detail.length() - 1);
    Map<String, Object> cases = new LinkedHashMap<>();
    cases.put(
        "detail twice",
        good.replaceFirst("\\{", "{\"detail\":" + detail.replace("\"app\"", "\"other\"") + ","));
    cases.put(
        "packageName twice",
        good.replace(
            "\"packageName\":\"app\"", "\"packageName\":\"other\",\"packageName\":\"app\""));
    cases.put(
        "repositoryName twice",
        good.replace(
            "\"repositoryName\":\"releases\"",
            "\"repositoryName\":\"releases\",\"repositoryName\":\"other\""));
    cases.put("trailing object", good + "{\"detail\":{" + inner + "}}");
    cases.put("trailing garbage", good + " x");
    cases.put("an array of the event", "[" + good + "]");
    cases.put("two events in an array", "[" + good + "," + good + "]");
    cases.put("a string", "\"" + good.replace("\"", "\\\"") + "\"");
    cases.put("a byte order mark", "\uFEFF" + good);
    cases.put(
        "a number of 5,000 digits",
        good.replace("\"sequenceNumber\":1", "\"sequenceNumber\":" + "9".repeat(5000)));
    cases.put("deep nesting", "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    cases.put(
        "deep nesting in detail",
        with(
            e -> {
              detail(e)
                  .putRawValue(
                      "x",
                      new com.fasterxml.jackson.databind.util.RawValue(
                          "[".repeat(50_000) + "]".repeat(50_000)));
              return e;
            }));
    cases.put("NUL in the name", with(e -> detail(e).put("packageName", "app\u0000")));
    cases.put("NUL between events", good + "\u0000" + good);
    cases.put("namespace with a slash", with(e -> detail(e).put("packageNamespace", "scope/x")));
    cases.put("name with a slash", with(e -> detail(e).put("packageName", "scope/app")));
    cases.put("npm scope with its @", with(e -> detail(e).put("packageNamespace", "@scope")));
    cases.put(
        "name as an array",
        with(
            e -> {
              detail(e).putArray("packageName").add("app").add("other");
              return e;
            }));
    cases.put("name as a number", with(e -> detail(e).put("packageName", 1)));
    cases.put("repository glob", with(e -> detail(e).put("repositoryName", "*")));
    cases.put(
        "repository with a look-alike",
        with(e -> detail(e).put("repositoryName", "r\u0435leases")));
    cases.put("domain glob", with(e -> detail(e).put("domainName", "ac*")));
    cases.put("domain upper case", with(e -> detail(e).put("domainName", "ACME")));
    cases.put("detail-type in another case", with(e -> e.put("detail-type", DETAIL_TYPE_LOWER)));
    cases.put("source with a space", with(e -> e.put("source", "aws.codeartifact ")));
    cases.put(
        "no region",
        with(
            e -> {
              e.remove("region");
              return e;
            }));
    cases.put(
        "resources naming another package",
        with(
            e -> {
              e.putArray("resources")
                  .add(
                      "arn:aws:codeartifact:us-east-1:111122223333:package/acme/releases/npm//other");
              return e;
            }));
    cases.put(
        "resources naming another repository",
        with(
            e -> {
              e.putArray("resources")
                  .add("arn:aws:codeartifact:us-east-1:111122223333:package/acme/other/npm//app");
              return e;
            }));
    cases.put(
        "resources naming another account",
        with(
            e -> {
              e.putArray("resources")
                  .add(
                      "arn:aws:codeartifact:us-east-1:999988887777:package/acme/releases/npm//app");
              return e;
            }));
    cases.put(
        "resources naming another region",
        with(
            e -> {
              e.putArray("resources")
                  .add(
                      "arn:aws:codeartifact:eu-west-1:111122223333:package/acme/releases/npm//app");
              return e;
            }));
    cases.put(
        "resources naming two packages",
        with(
            e -> {
              e.withArray("resources")
                  .add(
                      "arn:aws:codeartifact:us-east-1:111122223333:package/acme/releases/npm//other");
              return e;
            }));
    cases.put(
        "latin-1, not UTF-8",
        good.replace("\"app\"", "\"\u00e4pp\"").getBytes(StandardCharsets.ISO_8859_1));
    return cases.entrySet().stream().map(c -> Arguments.of(c.getKey(), c.getValue()));
  }

  static final String DETAIL_TYPE_LOWER = "codeartifact package version state change";

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void anEventTwoReadersCouldReadDifferentlyIsRefusedBeforeAnyCall(String name, Object event)
      throws Exception {
    Map<String, String> before = PolicyEventTest.state(s.sandbox);
    CliResult r = event instanceof byte[] b ? run(b) : run((String) event);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).as(r.toString()).startsWith("caprune: ").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
    assertThat(s.totalCalls()).as(s.sandbox.calls().toString()).isZero();
    assertThat(PolicyEventTest.state(s.sandbox)).isEqualTo(before);
  }

  static Stream<Arguments> literal() {
    return Stream.of(
        Arguments.of("a*", null, "a*"),
        Arguments.of("ap?", null, "ap?"),
        Arguments.of("[a]pp", null, "[a]pp"),
        Arguments.of("\u0430pp", null, "\u0430pp"),
        Arguments.of("App", null, "App"),
        Arguments.of("app", "scope", "scope/app"),
        Arguments.of("*", null, null),
        Arguments.of("?pp", null, null),
        Arguments.of("APP", null, null),
        Arguments.of("app", "Scope", null),
        Arguments.of("app", "*", null),
        Arguments.of("app\u0301", null, null),
        Arguments.of("ap", null, null));
  }

  /**
   * Each look-alike's event trims that package alone (3 of its 4 versions), or nothing when no
   * package has that exact name: never a look-alike, never the other repository.
   */
  @ParameterizedTest(name = "{1}/{0}")
  @MethodSource("literal")
  void aNameIsTakenLiterallyAndActsOnThatPackageAlone(String name, String namespace, String hit)
      throws Exception {
    Map<String, String> before = PolicyEventTest.state(s.sandbox);
    CliResult r =
        run(
            with(
                e -> {
                  detail(e).put("packageName", name);
                  detail(e).put("packageNamespace", namespace);
                  e.remove("resources");
                  return e;
                }));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, String> changed = PolicyEventTest.diff(before, PolicyEventTest.state(s.sandbox));
    assertThat(PolicyEventTest.reported(r.out())).as(r.toString()).isEqualTo(changed);
    Map<String, String> expected = new TreeMap<>();
    if (hit != null) {
      for (int i = 0; i < 3; i++) {
        expected.put(
            "releases/" + (namespace == null ? "" : namespace) + "/" + name + "@1.0." + i,
            "Deleted");
      }
    }
    assertThat(changed).as(r.toString()).isEqualTo(expected);
    assertThat(s.calls("ListPackages")).isZero();
    assertThat(s.calls("ListPackageVersions")).isEqualTo(1);
    assertThat(s.writeCalls()).isEqualTo(hit == null ? 0 : 1);
  }

  /** An event for a format no rule is for calls nothing, even with a package of that name. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherFormats")
  void aPackageOfAnotherFormatCallsNothing(String format, String namespace) throws Exception {
    Map<String, String> before = PolicyEventTest.state(s.sandbox);
    CliResult r =
        run(
            with(
                e -> {
                  detail(e).put("packageFormat", format);
                  detail(e).put("packageNamespace", namespace);
                  e.remove("resources");
                  return e;
                }));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).startsWith("nothing to do: ");
    assertThat(s.totalCalls()).isZero();
    assertThat(PolicyEventTest.state(s.sandbox)).isEqualTo(before);
  }

  static Stream<Arguments> otherFormats() {
    return Stream.of(
        Arguments.of("maven", "com.acme"),
        Arguments.of("pypi", null),
        Arguments.of("swift", "scope"),
        Arguments.of("generic", "scope"),
        Arguments.of("nuget", null));
  }

  /**
   * A stdout that fails part-way through the record (a full disk, a closed pipe) is exit 1 on the
   * command line too: the run's writes are done but nobody saw their record.
   */
  @ParameterizedTest(name = "after {0} bytes")
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 100, 400})
  void aRecordLostPartWayIsExit1(int good) throws Exception {
    java.io.OutputStream stdout =
        new java.io.OutputStream() {
          int written;

          @Override
          public void write(int b) throws java.io.IOException {
            if (written++ >= good) {
              throw new java.io.IOException("No space left on device");
            }
          }
        };
    Path f = dir.resolve("event.json");
    Files.write(f, Files.readAllBytes(SAMPLE));
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        Caprune.run(
            s.context(),
            ReportWriter.over(stdout),
            new java.io.PrintWriter(err, true),
            "policy",
            "run",
            policy.toString(),
            "--event",
            f.toString(),
            "--yes",
            "-o",
            "ndjson");
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("could not be written to stdout");
  }
}
