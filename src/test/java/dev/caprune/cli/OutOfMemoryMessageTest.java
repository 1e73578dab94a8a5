package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayFactory;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The heap running out says, in one line, what would help this run: streaming for a report held
 * until the end, a larger heap sized by the largest package for one already streamed, and what
 * {@code --protect-dependencies} holds. The error is injected where the heap really runs out: while
 * a big package's pages arrive.
 */
class OutOfMemoryMessageTest {
  private static final String[] DELETE = {
    "delete", "--domain", "caprune", "--repository", "generated", "--all", "--dry-run"
  };

  /** Fails each package's listing once its second page has arrived (of three). */
  private static SandboxHarness runningOut() throws Exception {
    SandboxHarness h =
        new SandboxHarness(Sandbox.builder().now(SandboxHarness.NOW).generate(3, 2_500).start());
    GatewayFactory real = h.context().gateways();
    return h.withContext(
        h.context().withGateways((settings, guard) -> failing(real.open(settings, guard))));
  }

  private static CodeArtifactGateway failing(CodeArtifactGateway real) {
    return (CodeArtifactGateway)
        Proxy.newProxyInstance(
            CodeArtifactGateway.class.getClassLoader(),
            new Class<?>[] {CodeArtifactGateway.class},
            (proxy, method, args) -> {
              Object[] call = args;
              if (isPagedListing(method)) {
                IntConsumer pages = (IntConsumer) args[3];
                int[] seen = {0};
                call = args.clone();
                call[3] =
                    (IntConsumer)
                        n -> {
                          pages.accept(n);
                          if (++seen[0] == 2) {
                            throw new OutOfMemoryError("Java heap space"); // injected
                          }
                        };
              }
              if (method.getName().equals("listVersionPages")) {
                // A listing read page by page (a streamed dry run's): the same, after two pages.
                CodeArtifactGateway.VersionPages sink = (CodeArtifactGateway.VersionPages) args[3];
                int[] seen = {0};
                call = args.clone();
                call[3] =
                    new CodeArtifactGateway.VersionPages() {
                      @Override
                      public void version(
                          String version,
                          String revision,
                          String status,
                          dev.caprune.select.Origin origin) {
                        sink.version(version, revision, status, origin);
                      }

                      @Override
                      public void pageEnd(String defaultDisplayVersion, int count) {
                        sink.pageEnd(defaultDisplayVersion, count);
                        if (++seen[0] == 2) {
                          throw new OutOfMemoryError("Java heap space"); // injected
                        }
                      }
                    };
              }
              try {
                return method.invoke(real, call);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static boolean isPagedListing(Method m) {
    return m.getName().equals("listVersions") && m.getParameterCount() == 4;
  }

  private static CliResult run(SandboxHarness h, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of(DELETE));
    args.addAll(List.of(extra));
    return h.run(args.toArray(String[]::new));
  }

  private static String oneLine(CliResult r) {
    assertThat(r.exitCode()).as(r::toString).isEqualTo(ExitCodes.RUNTIME);
    List<String> lines = r.err().lines().filter(l -> l.contains("out of memory")).toList();
    assertThat(lines).as(r::toString).hasSize(1);
    assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    return lines.get(0);
  }

  @Test
  void aReportHeldUntilTheEndIsToldToStream() throws Exception {
    try (SandboxHarness h = runningOut()) {
      for (String format : List.of("table", "json", "markdown")) {
        String line = oneLine(run(h, "-o", format));
        assertThat(line)
            .as(format)
            .startsWith("caprune: out of memory: use -o ndjson or -o csv")
            .containsPattern("CAPRUNE_JAVA_OPTS=-Xmx\\d+[mg]$")
            .doesNotContain("--protect-dependencies");
      }
      assertThat(h.writeCalls()).isZero();
    }
  }

  @Test
  void aStreamedReportIsToldToGrowTheHeapForItsLargestPackage() throws Exception {
    try (SandboxHarness h = runningOut()) {
      for (String format : List.of("ndjson", "csv")) {
        CliResult r = run(h, "-o", format);
        String line = oneLine(r);
        assertThat(line)
            .as(format)
            .matches(
                "caprune: out of memory: give caprune more heap with CAPRUNE_JAVA_OPTS=-Xmx\\d+[mg]"
                    + " \\(its largest package has 2,000 versions\\)")
            .doesNotContain("ndjson");
      }
    }
  }

  @Test
  void aDependencyProtectingRunSaysWhatItHolds() throws Exception {
    try (SandboxHarness h = runningOut()) {
      String streamed = oneLine(run(h, "-o", "ndjson", "--protect-dependencies"));
      assertThat(streamed)
          .startsWith(
              "caprune: out of memory: --protect-dependencies holds every remaining version")
          .containsPattern("CAPRUNE_JAVA_OPTS=-Xmx\\d+[mg]$");
      String held = oneLine(run(h, "--protect-dependencies"));
      assertThat(held)
          .startsWith(
              "caprune: out of memory: --protect-dependencies holds every remaining version")
          .endsWith(", or use -o ndjson (the report is then written as it goes)");
    }
  }
}
