package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayFactory;
import dev.caprune.run.ExitCodes;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Selection that fails closed (issue 13): linear-time patterns, protect files that cannot silently
 * lose a rule, bad filter input refused before any call.
 */
class FailClosedSelectionTest {
  private static SandboxHarness h;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    h = SandboxHarness.seeded("selection.json");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void reset() {
    h.sandbox.resetStats();
  }

  private static CliResult run(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--domain", "acme"));
    all.addAll(List.of(args));
    if (!all.contains("--repository")) {
      all.addAll(List.of("--repository", "releases"));
    }
    return h.run(all.toArray(String[]::new));
  }

  private static void assertRefusedWithoutCalls(CliResult r, String... expected) {
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r::toString).hasLineCount(1).contains(expected);
    assertThat(r.out()).isEmpty();
    assertThat(h.totalCalls()).as("calls made after bad input").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "1\\.0(?=-rc)", "(?<!x)1.0", "1.0*+", "(?>1)\\.0"})
  void regexSyntaxRe2CannotMatchIsABadInputBeforeAnyCall(String regex) {
    assertRefusedWithoutCalls(
        run("delete", "--version-regex", regex, "--yes"), "--version-regex", "not supported");
    assertRefusedWithoutCalls(
        run("versions", "--package-regex", regex), "--package-regex", "not supported");
  }

  @Test
  void namesThatBreakCodeArtifactsRulesAreRefusedBeforeAnyCall() {
    assertRefusedWithoutCalls(run("versions", "--namespace", "a/b"), "--namespace: 'a/b'", "'/'");
    assertRefusedWithoutCalls(
        run("delete", "--package", "left\tpad", "--yes"), "--package", "'left\\tpad'", "U+0009");
    assertRefusedWithoutCalls(
        run("versions", "--exclude-package", "@acme/ui-kit\u200b"), "U+200B ZERO WIDTH SPACE");
    assertRefusedWithoutCalls(run("versions", "--package", "a b"), "U+0020 SPACE");
    assertRefusedWithoutCalls(run("versions", "--version", "1.0#2"), "--version", "'#'");
    assertRefusedWithoutCalls(
        run("versions", "--exclude-version", "1.0\u00a0"), "U+00A0 NO-BREAK SPACE");
  }

  @Test
  void longValuesAreCutInMessages() {
    String huge = "p".repeat(2_000);
    CliResult r = run("delete", "--package", huge, "--yes");
    assertRefusedWithoutCalls(r, "--package", "'" + "p".repeat(60) + "…'", "(2,000 characters)");
    assertThat(r.err().length()).isLessThan(250);
    assertRefusedWithoutCalls(run("versions", "--namespace", huge), "255 characters");
    assertRefusedWithoutCalls(run("versions", "--version", huge + "*"), "255 characters");
    // Globs may be as long as the names they match, wildcards aside.
    CliResult ok = run("versions", "--package", "*".repeat(300) + "p".repeat(255));
    assertThat(ok.exitCode()).as(ok::toString).isZero();
    h.sandbox.resetStats();
    CliResult repo = run("versions", "--repository", "r".repeat(2_000));
    assertRefusedWithoutCalls(repo, "--repository '" + "r".repeat(60) + "…'");
    CliResult regex = run("versions", "--version-regex", "(".repeat(2_000));
    assertRefusedWithoutCalls(regex, "--version-regex");
    assertThat(regex.err().length()).isLessThan(300);
  }

  @Test
  void controlCharactersInEchoedValuesAreEscaped() {
    CliResult r =
        h.run("versions", "--domain", "acme\u001b]0;pwned\u0007", "--repository", "releases");
    assertRefusedWithoutCalls(r, "\\u001b]0;pwned\\u0007");
    assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    CliResult ns = run("versions", "--namespace", "a\u202eb");
    assertRefusedWithoutCalls(ns, "'a\\u202eb'", "U+202E");
    assertThat(ns.err()).doesNotContain("\u202e");
  }

  // --- protect files -------------------------------------------------------------------------

  /** delete --yes on the app package's 1.x versions (all Published; latest is 1.11.0). */
  private static CliResult deleteApp(SandboxHarness s, Path protect, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delete",
                "--domain",
                "acme",
                "--repository",
                "releases",
                "--package",
                "app",
                "--version",
                "1.*",
                "--protect-file",
                protect.toString(),
                "--yes",
                "-o",
                "json"));
    args.addAll(List.of(more));
    return s.run(args.toArray(String[]::new));
  }

  private static List<String> appVersions(SandboxHarness s) throws Exception {
    return SandboxState.versions(s.state()).stream()
        .filter(l -> l.startsWith("releases|npm||app|"))
        .map(l -> l.split("\\|")[4])
        .sorted()
        .toList();
  }

  @Test
  void aWindowsProtectFileWithBomAndCrlfStillProtectsItsFirstRule() throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.write(
        file,
        "\uFEFFapp@1.0.0\r\n# keep 1.1 too\r\napp@1.1.0\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(file)).startsWith(0xEF, 0xBB, 0xBF);
    try (SandboxHarness s = SandboxHarness.seeded("selection.json");
        LogCapture log = LogCapture.attach()) {
      CliResult r = deleteApp(s, file);
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(appVersions(s)).containsExactly("1.0.0", "1.1.0", "1.11.0", "2.0.0-rc.1");
      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void invisibleCharactersInARuleAreWarnedAboutAndTheVersionIsStillProtected() throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.writeString(file, "app @ 1.0.0\napp@1.1.0\u00a0\n");
    try (SandboxHarness s = SandboxHarness.seeded("selection.json");
        LogCapture log = LogCapture.attach()) {
      CliResult r = deleteApp(s, file);
      assertThat(r.exitCode()).as(r::toString).isZero();
      assertThat(appVersions(s)).containsExactly("1.0.0", "1.1.0", "1.11.0", "2.0.0-rc.1");
      assertThat(log.lines())
          .containsExactly(
              "WARN "
                  + file
                  + " line 1: U+0020 SPACE before '@' in 'app @ 1.0.0'; the rule is read as"
                  + " 'app@1.0.0'",
              "WARN "
                  + file
                  + " line 2: U+00A0 NO-BREAK SPACE at the end in 'app@1.1.0\\u00a0'; the rule is"
                  + " read as 'app@1.1.0'");
    }
  }

  @Test
  void strictProtectRefusesAnInvisibleCharacterBeforeAnyCall() throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.writeString(file, "app@1.0.0\napp\u200b@1.1.0\n");
    assertRefusedWithoutCalls(
        run(
            "delete",
            "--package",
            "app",
            "--protect-file",
            file.toString(),
            "--strict-protect",
            "--yes"),
        "--strict-protect: " + file + " line 2: U+200B ZERO WIDTH SPACE before '@'");
    assertRefusedWithoutCalls(
        run("versions", "--strict-protect"), "--strict-protect goes with --protect-file");
  }

  @Test
  void aRuleThatMatchedNothingIsAWarningAndWithStrictProtectAnErrorBeforeAnyWrite()
      throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.writeString(file, "app@1.0.0\n# a typo\nap@1.1.0\n@*/nothing@*\n");
    try (SandboxHarness s = SandboxHarness.seeded("selection.json");
        LogCapture log = LogCapture.attach()) {
      List<String> before = appVersions(s);
      CliResult strict = deleteApp(s, file, "--strict-protect");
      assertThat(strict.exitCode()).as(strict::toString).isEqualTo(ExitCodes.USAGE);
      assertThat(strict.err())
          .hasLineCount(1)
          .contains(
              "--strict-protect: "
                  + file
                  + " line 3: 'ap@1.1.0' matched no version in this run (and 1 more)");
      assertThat(s.writeCalls()).as("write calls").isZero();
      assertThat(appVersions(s)).isEqualTo(before);

      CliResult lenient = deleteApp(s, file);
      assertThat(lenient.exitCode()).as(lenient::toString).isZero();
      assertThat(log.lines())
          .containsExactly(
              "WARN " + file + " line 3: 'ap@1.1.0' matched no version in this run",
              "WARN " + file + " line 4: '@*/nothing@*' matched no version in this run");
      assertThat(appVersions(s)).containsExactly("1.0.0", "1.11.0", "2.0.0-rc.1");
    }
  }

  @Test
  void strictProtectPassesWhenEveryRuleMatched() throws Exception {
    Path file = dir.resolve("protect.txt");
    Files.writeString(file, "app@1.0.0\n");
    CliResult r =
        run("versions", "--package", "app", "--protect-file", file.toString(), "--strict-protect");
    assertThat(r.exitCode()).as(r::toString).isZero();
  }

  @Test
  void anOversizedProtectFileIsAOneLineUsageErrorNotAnOutOfMemoryError() throws Exception {
    Path big = dir.resolve("big.txt");
    try (var out = Files.newOutputStream(big)) {
      byte[] chunk = "a".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 11; i++) {
        out.write(chunk);
      }
    }
    assertRefusedWithoutCalls(
        run("delete", "--all", "--protect-file", big.toString(), "--yes"), "larger than 10 MiB");
    Path longLine = dir.resolve("long.txt");
    Files.writeString(longLine, "# fine\n" + "x".repeat(70_000) + "@1\n");
    assertRefusedWithoutCalls(
        run("versions", "--protect-file", longLine.toString()),
        longLine + " line 2: longer than 65,536 characters");
    Path binary = dir.resolve("binary.txt");
    Files.write(binary, new byte[] {'a', '@', '1', (byte) 0xC3, (byte) 0x28, '\n'});
    assertRefusedWithoutCalls(
        run("versions", "--protect-file", binary.toString()), "not UTF-8 text");
  }

  // --- latest protection without defaultDisplayVersion ----------------------------------------

  /**
   * The real SDK gateway against the sandbox, with every listing's defaultDisplayVersion dropped
   * (the sandbox always names one; a real listing may not).
   */
  private static CliContext withoutDefaultDisplayVersion(CliContext context) {
    GatewayFactory real = context.gateways();
    return context.withGateways(
        (settings, guard) -> {
          CodeArtifactGateway gateway = real.open(settings, guard);
          return (CodeArtifactGateway)
              Proxy.newProxyInstance(
                  CodeArtifactGateway.class.getClassLoader(),
                  new Class<?>[] {CodeArtifactGateway.class},
                  (proxy, method, args) -> {
                    Object result;
                    try {
                      result = method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                    return result instanceof CodeArtifactGateway.VersionListing listing
                        ? new CodeArtifactGateway.VersionListing(null, listing.versions())
                        : result;
                  });
        });
  }

  @Test
  void withoutDefaultDisplayVersionTheNewestAndTheMostRecentlyPublishedAreKept() throws Exception {
    try (SandboxHarness s = SandboxHarness.seeded("selection.json");
        LogCapture log = LogCapture.attach()) {
      s.withContext(withoutDefaultDisplayVersion(s.context()));
      String[] core = {
        "--domain",
        "acme",
        "--repository",
        "releases",
        "--format",
        "maven",
        "--package",
        "com.acme/core"
      };
      CliResult explain = s.run(concat(new String[] {"delete"}, core, "--dry-run", "--explain"));
      assertThat(explain.exitCode()).as(explain::toString).isZero();
      // Maven order: 2.0-RC1 is the newest; the 1.10.1 backport was published last.
      assertThat(explain.out())
          .contains("latest: newest by maven order (no defaultDisplayVersion in the listing)")
          .contains("latest: most recently published (no defaultDisplayVersion in the listing)");

      CliResult delete = s.run(concat(new String[] {"delete"}, core, "--all", "--yes"));
      assertThat(delete.exitCode()).as(delete::toString).isZero();
      List<String> left =
          SandboxState.versions(s.state()).stream()
              .filter(l -> l.startsWith("releases|maven|com.acme|core|"))
              .map(l -> l.split("\\|")[4])
              .sorted()
              .toList();
      assertThat(left).containsExactly("1.10.1", "2.0-RC1");
      assertThat(log.lines())
          .contains(
              "WARN com.acme/core: the listing names no latest version (defaultDisplayVersion);"
                  + " protecting '2.0-RC1', newest by maven order, and '1.10.1', most recently"
                  + " published");
    }
  }

  private static String[] concat(String[] a, String[] b, String... c) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    all.addAll(List.of(c));
    return all.toArray(String[]::new);
  }

  /** Records what reaches Log4j's root logger (warnings go to the process's stderr). */
  private static final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
      super("fail-closed-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static LogCapture attach() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      LogCapture c = new LogCapture();
      c.start();
      context.getConfiguration().getRootLogger().addAppender(c, null, null);
      context.updateLoggers();
      return c;
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    @Override
    public void append(LogEvent event) {
      lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    @Override
    public void close() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      context.getConfiguration().getRootLogger().removeAppender(getName());
      context.updateLoggers();
      stop();
    }
  }
}
