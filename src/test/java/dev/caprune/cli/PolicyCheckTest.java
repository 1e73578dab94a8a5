package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.policy.PolicyFile;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad policy files: exit 2, one line naming file:line:column and the field, zero calls. */
class PolicyCheckTest {
  @TempDir static Path dir;
  static SandboxHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new SandboxHarness(Sandbox.builder().start());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static final String TARGETS =
      """
      version: 1
      targets:
        - name: prod
          domain: acme
          repositories: [releases]
      rules:
      """;

  static Stream<Arguments> badFiles() {
    return Stream.of(
        // 1. a bad age, at the value
        Arguments.of(
            TARGETS + "  - name: old\n    action: delete\n    olderThan: 1y\n",
            ":9:16: rules[0].olderThan: ",
            "1y"),
        // 2. an unknown key in a rule
        Arguments.of(
            TARGETS + "  - name: old\n    action: delete\n    olderThen: 30d\n",
            ":9:16: rules[0].olderThen: unknown key (did you mean olderThan?)",
            "typo"),
        // 3. an unknown top-level key
        Arguments.of(
            "version: 1\nprotectLatests: false\n"
                + TARGETS.substring(11)
                + "  - {name: a, action: delete, all: true}\n",
            ":2:17: protectLatests: unknown key",
            "protectLatest"),
        // 4. duplicate rule names
        Arguments.of(
            TARGETS
                + "  - name: a\n    action: delete\n    all: true\n  - name: a\n    action: keep\n",
            ":10:11: rules[1].name: rule name 'a' is used twice",
            "line 7"),
        // 5. an action rule with no filter
        Arguments.of(
            TARGETS + "  - name: everything\n    action: delete\n",
            ":7:5: rules[0]: rule 'everything' would delete every version",
            "all: true"),
        // 6. an unknown action
        Arguments.of(
            TARGETS + "  - name: a\n    action: purge\n    all: true\n",
            ":8:13: rules[0].action: unknown action 'purge'",
            "keep, delete"),
        // 6b. an action of the command line that no rule takes: restoring is not retention
        Arguments.of(
            TARGETS + "  - name: a\n    action: restore\n    all: true\n",
            ":8:13: rules[0].action: unknown action 'restore'",
            "keep, delete, archive, unlist or dispose"),
        // 7. a target without repositories
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":3:5: targets[0].repositories: required",
            "repositories"),
        // 8. a duplicate key
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    olderThan: 30d\n    olderThan: 1d\n",
            ":10:5: rules[0].olderThan: given twice",
            "duplicate"),
        // 9. a bad regex (RE2: no backreferences)
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    versionRegex: '(a)\\1'\n",
            ":9:19: rules[0].versionRegex: ",
            "(a)"),
        // 10. unsupported version
        Arguments.of(
            "version: 2\n" + TARGETS.substring(11) + "  - {name: a, action: delete, all: true}\n",
            ":1:10: version: unsupported version '2'",
            "version 1"),
        // 11. keepLatest not a number
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    keepLatest: ten\n",
            ":9:17: rules[0].keepLatest: must be a whole number",
            "'ten'"),
        // 12. a bad status
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    status: [Published, Gone]\n",
            ":9:13: rules[0].status: ",
            "Gone"),
        // 13. a bad domain name
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: Acme_Corp\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":4:13: targets[0].domain: ",
            "not a valid domain name"),
        // 14. an empty time window (cross-field: reported at the rule)
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    olderThan: 60d\n    newerThan: 30d\n",
            ":7:5: rules[0]: the time filters leave no window",
            "published after"),
        // 15. not YAML
        Arguments.of("version: 1\ntargets: [\n  oops: : :\n", ":", "not valid YAML"),
        // 16. a bad package name (H1's name validation)
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    package: 'bad name'\n",
            ":9:14: rules[0].package: ",
            "bad name"),
        // 17. a bad domainOwner
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\n    domainOwner: '12'\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":5:18: targets[0].domainOwner: ",
            "12-digit"),
        // 18. rules not a list
        Arguments.of(TARGETS + "  name: a\n", ":7:3: rules: must be a list of rules", "a mapping"),
        // 19. snapshotBuilds with another format
        Arguments.of(
            TARGETS
                + "  - name: a\n    action: delete\n    format: npm\n    snapshotBuilds: true\n",
            ":7:5: rules[0]: ",
            "snapshotBuilds"),
        // 20. a bad endpoint URL
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\n    endpointUrl: ftp://x\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":5:18: targets[0].endpointUrl: ",
            "http"),
        // 21. an empty file
        Arguments.of("", "empty", "version"),
        // 23. two targets over the same repository, same account and region
        Arguments.of(
            "version: 1\ntargets:\n  - {name: a, domain: acme, repositories: [releases]}\n"
                + "  - {name: b, domain: acme, repositories: ['rel*']}\n"
                + "rules:\n  - {name: x, action: delete, all: true}\n",
            ":4:43: targets[1].repositories: targets 'a' and 'b' both name acme/releases",
            "twice"),
        // 24. an endpoint URL with a user and password: the file's field, not --endpoint-url
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\n    endpointUrl: 'http://user:pw@127.0.0.1:1'\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":5:18: targets[0].endpointUrl: must be scheme://host",
            "no user"),
        // 25. an empty protect file name
        Arguments.of(
            "version: 1\nprotectFile: ''\n"
                + TARGETS.substring(11)
                + "  - {name: a, action: delete, all: true}\n",
            ":2:14: protectFile: empty",
            "leave the key out"),
        // 26. a protect file that is a directory
        Arguments.of(
            "version: 1\nprotectFile: '.'\n"
                + TARGETS.substring(11)
                + "  - {name: a, action: delete, all: true}\n",
            ":2:14: protectFile: ",
            "directory"),
        // 27. a region the command line would refuse too
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\n    region: US-EAST-1\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":5:13: targets[0].region: 'US-EAST-1' is not an AWS Region name",
            "us-east-1"),
        // 28. a profile name no file can hold
        Arguments.of(
            "version: 1\ntargets:\n  - name: prod\n    domain: acme\n    profile: 'a b'\n    repositories: [r1]\nrules:\n  - {name: a, action: delete, all: true}\n",
            ":5:14: targets[0].profile: 'a b' is not a profile name",
            "spaces"),
        // 29. a negative keepLatest
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    keepLatest: -1\n",
            ":9:17: rules[0].keepLatest: must be 0 or more",
            "-1"),
        // 30. an empty version glob
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    version: ['1.*', 'a b']\n",
            ":9:14: rules[0].version: ",
            "a b"),
        // 31. a bad format
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    format: rpm\n",
            ":9:13: rules[0].format: ",
            "rpm"),
        // 32. a bad date
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    publishedBefore: yesterday\n",
            ":9:22: rules[0].publishedBefore: ",
            "yesterday"),
        // 33. a bad origin
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    origin: elsewhere\n    all: true\n",
            ":9:13: rules[0].origin: ",
            "elsewhere"),
        // 34. max below zero
        Arguments.of(
            "version: 1\nmax: -1\n"
                + TARGETS.substring(11)
                + "  - {name: a, action: delete, all: true}\n",
            ":2:6: max: must be 0 or more",
            "-1"),
        // 35. one endpoint spelled two ways, same account and region
        Arguments.of(
            "version: 1\ntargets:\n  - {name: a, domain: acme, endpointUrl: 'http://127.0.0.1:1', repositories: [releases]}\n"
                + "  - {name: b, domain: acme, endpointUrl: 'http://127.0.0.1:1/', repositories: [releases]}\n"
                + "rules:\n  - {name: x, action: delete, all: true}\n",
            ": targets[1].repositories: targets 'a' and 'b' both name acme/releases",
            "a at "),
        // 22. a bad rule-level repository glob
        Arguments.of(
            TARGETS + "  - name: a\n    action: delete\n    all: true\n    repositories: ['a b']\n",
            ":10:20: rules[0].repositories[0]: ",
            "not a valid repository"),
        // 23. an age further back than any date
        Arguments.of(
            TARGETS + "  - name: old\n    action: delete\n    olderThan: 99999999999999d\n",
            ":9:16: rules[0].olderThan: age '99999999999999d' is too large",
            "before any date"),
        Arguments.of(
            TARGETS + "  - name: new\n    action: keep\n    newerThan: 99999999999999d\n",
            ":9:16: rules[0].newerThan: age '99999999999999d' is too large",
            "before any date"),
        // 24. a time filter that leaves nothing out is no filter
        Arguments.of(
            TARGETS + "  - name: everything\n    action: delete\n    olderThan: 0d\n",
            ":7:5: rules[0]: rule 'everything' would delete every version",
            "a time filter that leaves nothing out"),
        Arguments.of(
            TARGETS + "  - name: everything\n    action: dispose\n    olderThan: PT0S\n",
            ":7:5: rules[0]: rule 'everything' would dispose every version",
            "is no filter"),
        Arguments.of(
            TARGETS + "  - name: everything\n    action: delete\n    newerThan: 9999999999d\n",
            ":7:5: rules[0]: rule 'everything' would delete every version",
            "is no filter"),
        Arguments.of(
            TARGETS + "  - name: everything\n    action: delete\n    publishedBefore: 2999-01-01\n",
            ":7:5: rules[0]: rule 'everything' would delete every version",
            "is no filter"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileIsExit2WithPlaceAndFieldAndNoCall(String text, String where, String detail)
      throws Exception {
    Path file = dir.resolve("retention-" + Math.abs(text.hashCode()) + ".yaml");
    Files.writeString(file, text);
    long before = harness.totalCalls();
    for (String command : new String[] {"check", "run"}) {
      CliResult r =
          command.equals("check")
              ? harness.runRaw("policy", "check", file.toString())
              : harness.run("policy", "run", file.toString(), "--dry-run");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.out()).as(r.toString()).isEmpty();
      String line = r.err().strip();
      assertThat(line).as(r.toString()).doesNotContain("\n");
      assertThat(line)
          .as(r.toString())
          .startsWith("caprune: " + file + (where.startsWith(":") ? "" : ": "));
      assertThat(line).as(r.toString()).contains(where).contains(detail);
      // The policy file's terms, never the command line's: no option name.
      assertThat(line).as(r.toString()).doesNotContainPattern("--[a-z]");
    }
    assertThat(harness.totalCalls()).isEqualTo(before);
  }

  @Test
  void theExampleFromInitIsValid() throws Exception {
    CliResult init = harness.runRaw("policy", "init");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    assertThat(init.out())
        .startsWith("# yaml-language-server: $schema=./caprune-policy.schema.json");
    Path file = dir.resolve("example.yaml");
    Files.writeString(file, init.out());
    CliResult check = harness.runRaw("policy", "check", file.toString());
    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.out()).contains("valid: 1 target, 4 rules (1 archive, 2 delete, 1 keep)");
  }

  @Test
  void jsonPoliciesAreReadToo() throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(
        file,
        "{\"version\": 1, \"targets\": [{\"name\": \"t\", \"domain\": \"acme\", \"repositories\":"
            + " [\"r1\"]}], \"rules\": [{\"name\": \"a\", \"action\": \"delete\", \"olderThan\":"
            + " \"1x\"}]}");
    CliResult r = harness.runRaw("policy", "check", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":1:").contains("rules[0].olderThan: ");
  }

  @Test
  void theSchemaNamesExactlyTheKeysTheReaderTakes() throws Exception {
    CliResult r = harness.runRaw("policy", "schema");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode schema =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(names(schema.path("properties"))).isEqualTo(PolicyFile.TOP);
    assertThat(names(schema.path("properties").path("targets").path("items").path("properties")))
        .isEqualTo(PolicyFile.TARGET);
    assertThat(names(schema.path("properties").path("rules").path("items").path("properties")))
        .isEqualTo(PolicyFile.RULE);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }

  private static java.util.Set<String> names(com.fasterxml.jackson.databind.JsonNode object) {
    java.util.Set<String> out = new java.util.HashSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
