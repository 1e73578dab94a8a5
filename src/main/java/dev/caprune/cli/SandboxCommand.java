package dev.caprune.cli;

import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.sandbox.SeedException;
import dev.caprune.sandbox.SelfSigned;
import dev.caprune.sandbox.StatusMix;
import dev.caprune.select.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caprune sandbox}: a local CodeArtifact-compatible endpoint. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a local CodeArtifact-compatible endpoint (no AWS account needed).",
      "Prints the endpoint URL alone on the first line of stdout, then serves until"
          + " interrupted (Ctrl-C or SIGTERM).",
      "Admin routes (no auth, no faults):",
      "  GET  /_sandbox/stats        calls per operation, throttled, throttledAgain,",
      "                              mostThrottledInARow, failed, lostReplies, conflicts,",
      "                              partials",
      "  POST /_sandbox/stats/reset  zero the counters",
      "  GET  /_sandbox/state        current contents in the seed format",
    },
    footerHeading = HelpLayout.EXAMPLES_HEADING,
    footer = {
      "  caprune sandbox --demo          # first stdout line: http://127.0.0.1:PORT",
      "  caprune sandbox --generate 2000x50 --throttle-rate 0.05 --quotas aws",
      "  export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox \\",
      "      AWS_REGION=us-east-1",
      "  caprune versions --endpoint-url http://127.0.0.1:PORT \\",
      "      --domain acme --repository releases"
    })
final class SandboxCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxCommand.class);

  private static final Pattern GENERATE = Pattern.compile("(\\d{1,7})x(\\d{1,7})");

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on (default 0: any free port).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description =
          "Serve HTTPS with a new self-signed certificate (127.0.0.1, ::1, localhost), written to"
              + " DIR: ca.pem for AWS_CA_BUNDLE, truststore.p12 (password 'sandbox') for"
              + " -Djavax.net.ssl.trustStore. Needs the JDK's keytool.")
  Path tls;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Seed data file (JSON); repeat to merge several.")
  List<Path> data = new ArrayList<>();

  @Option(
      names = "--generate",
      paramLabel = "PxV",
      description =
          "Generate P packages x V versions (mixed formats) in caprune/generated, e.g. 2000x50.")
  String generate;

  @Option(
      names = "--generate-dependencies",
      paramLabel = "N",
      description =
          "With --generate: each generated package depends on up to N earlier ones of its format,"
              + " with ranges in the format's syntax (0..100; default 0: none).")
  int generateDependencies;

  @Option(
      names = "--generate-statuses",
      paramLabel = "STATUS=PCT,...",
      description =
          "With --generate: the share of each status among generated versions, in percent"
              + " (published, unlisted, archived, unfinished, disposed; adding up to 100), e.g."
              + " published=90,unlisted=8,archived=2 (default published=85,unlisted=8,archived=7).")
  String generateStatuses;

  @Option(names = "--demo", description = "Load the built-in demo data (domain acme).")
  boolean demo;

  @Option(
      names = "--random-seed",
      paramLabel = "N",
      description = "Seed for fault draws and generated data (default ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long randomSeed;

  @Option(names = "--latency-ms", paramLabel = "N", description = "Delay added to every API call.")
  int latencyMs;

  @Option(
      names = "--throttle-rate",
      paramLabel = "F",
      description = "Fraction of calls answered 429 ThrottlingException (0..1).")
  double throttleRate;

  @Option(
      names = "--fail-rate",
      paramLabel = "F",
      description = "Fraction of calls answered 500 InternalServerException (0..1).")
  double failRate;

  @Option(
      names = "--lost-reply-rate",
      paramLabel = "F",
      description =
          "Fraction of calls that take effect but get no answer: the connection is closed (0..1).")
  double lostReplyRate;

  @Option(
      names = "--conflict-rate",
      paramLabel = "F",
      description =
          "Fraction of version writes (delete, status update, dispose) answered 409"
              + " ConflictException, not applied (0..1).")
  double conflictRate;

  @Option(
      names = "--partial-rate",
      paramLabel = "F",
      description =
          "Fraction of status updates and disposals that change only part of their versions;"
              + " the rest are answered SKIPPED, unchanged (0..1).")
  double partialRate;

  @Option(
      names = "--quotas",
      paramLabel = "aws|none",
      completionCandidates = QuotaNames.class,
      description = "aws: enforce CodeArtifact's default rate quotas; none (default).",
      defaultValue = "none")
  String quotas;

  /** The values of {@code --quotas}, for the completion scripts. */
  static final class QuotaNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    QuotaNames() {
      super(java.util.List.of("aws", "none"));
    }
  }

  @Option(
      names = "--access-key",
      paramLabel = "ID",
      description =
          "Verify SigV4 signatures: the access key id clients must use (with --secret-key).")
  String accessKey;

  @Option(
      names = "--secret-key",
      paramLabel = "KEY",
      description = "The secret key signatures are checked against (with --access-key).")
  String secretKey;

  @Option(
      names = "--role",
      paramLabel = "ARN[:EXTERNAL_ID]",
      description =
          "Declare a role its STS lets be assumed, with the external id it requires after the"
              + " role name; repeatable. Once one is declared, only declared roles may be assumed"
              + " (default: any role).")
  List<String> roles = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Sandbox.Builder builder = builder();
    SelfSigned certificate = null;
    if (tls != null) {
      try {
        certificate = SelfSigned.create(tls);
      } catch (IOException e) {
        throw new CapruneException(ExitCodes.RUNTIME, e.getMessage());
      }
      builder.tls(certificate);
    }
    Sandbox sandbox;
    try {
      sandbox = builder.start();
    } catch (SeedException e) {
      throw CapruneException.usage(e.getMessage());
    } catch (java.net.BindException e) {
      throw new CapruneException(
          ExitCodes.RUNTIME,
          "sandbox: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println(sandbox.endpoint());
    out.flush();
    if (data.isEmpty() && generate == null && !demo) {
      err.println(
          "caprune sandbox: no --data, --generate or --demo: serving an empty sandbox"
              + " (every list is empty). Try --demo.");
    } else if (!logging.quiet()) {
      err.printf(
          "caprune sandbox: %d domain(s), %d version(s) at %s%n",
          sandbox.domainCount(), sandbox.versionCount(), sandbox.endpoint());
    }
    if (certificate != null && !logging.quiet()) {
      err.printf(
          "caprune sandbox: HTTPS, self-signed: AWS_CA_BUNDLE=%s; Java:"
              + " -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=%s%n",
          certificate.caPem(), certificate.trustStore(), SelfSigned.PASSWORD);
    }
    if (!logging.quiet()) {
      err.println("caprune sandbox: serving until Ctrl-C or SIGTERM");
    }
    err.flush();
    LOG.info("sandbox listening at {}", sandbox.endpoint());
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> closeQuietly(sandbox), "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // SIGINT/SIGTERM release the latch, so the command returns and caprune exits 0.
    boolean trapped = Signals.trap(stop::countDown);
    if (!trapped) {
      LOG.debug("cannot trap signals; exiting through the JVM's shutdown");
    }
    stop.await();
    sandbox.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    return ExitCodes.OK;
  }

  Sandbox.Builder builder() {
    if (!(quotas.equals("aws") || quotas.equals("none"))) {
      throw CapruneException.usage("--quotas must be aws or none, not '" + quotas + "'");
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw CapruneException.usage("--access-key and --secret-key go together");
    }
    if (port < 0 || port > 65535) {
      throw CapruneException.usage("--port must be 0..65535, not " + port);
    }
    if (latencyMs < 0) {
      throw CapruneException.usage("--latency-ms must be >= 0, not " + latencyMs);
    }
    rate("--throttle-rate", throttleRate);
    rate("--fail-rate", failRate);
    rate("--lost-reply-rate", lostReplyRate);
    rate("--conflict-rate", conflictRate);
    rate("--partial-rate", partialRate);
    Sandbox.Builder b =
        Sandbox.builder()
            .port(port)
            .bind(bind)
            .randomSeed(randomSeed)
            .latencyMs(latencyMs)
            .throttleRate(throttleRate)
            .failRate(failRate)
            .lostReplyRate(lostReplyRate)
            .conflictRate(conflictRate)
            .partialRate(partialRate)
            .quotas(quotas.equals("aws"));
    if (accessKey != null) {
      if (accessKey.isEmpty() || secretKey.isEmpty()) {
        throw CapruneException.usage("--access-key and --secret-key must not be empty");
      }
      b.credentials(accessKey, secretKey);
    }
    for (String role : roles) {
      // A role name has no ':': the first one after "role/" starts the external id.
      int name = role.indexOf(":role/");
      int colon = name < 0 ? -1 : role.indexOf(':', name + ":role/".length());
      String arn = colon < 0 ? role : role.substring(0, colon);
      if (Role.arnProblem(arn) != null) {
        throw CapruneException.usage("--role " + Role.arnProblem(arn));
      }
      b.role(arn, colon < 0 ? null : role.substring(colon + 1));
    }
    data.forEach(b::seed);
    if (generate != null) {
      Matcher m = GENERATE.matcher(generate);
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
        throw CapruneException.usage(
            "--generate wants PxV (packages x versions, each at least 1), e.g. 2000x50; not '"
                + generate
                + "'");
      }
      b.generate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    if (generateDependencies != 0) {
      if (generate == null) {
        throw CapruneException.usage("--generate-dependencies needs --generate");
      }
      if (generateDependencies < 0 || generateDependencies > 100) {
        throw CapruneException.usage(
            "--generate-dependencies must be 0..100, not " + generateDependencies);
      }
      b.generateDependencies(generateDependencies);
    }
    if (generateStatuses != null) {
      if (generate == null) {
        throw CapruneException.usage("--generate-statuses needs --generate");
      }
      try {
        b.generateStatuses(StatusMix.parse(generateStatuses));
      } catch (IllegalArgumentException e) {
        throw CapruneException.usage("--generate-statuses " + e.getMessage());
      }
    }
    if (demo) {
      b.demo(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
    return b;
  }

  private static void rate(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw CapruneException.usage(option + " must be between 0 and 1, not " + value);
    }
  }

  private static void closeQuietly(Sandbox sandbox) {
    try {
      sandbox.close();
    } catch (RuntimeException e) {
      // Shutting down anyway.
    }
  }
}
