package dev.caprune.startup;

import dev.caprune.cli.Caprune;
import dev.caprune.cli.CliContext;
import dev.caprune.cli.Completions;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.sandbox.SelfSigned;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's class-data archive: it goes through the paths a real run
 * takes (parsing, help, completion, and {@code versions} calls answered by an in-process sandbox,
 * over plain HTTP and over HTTPS), so the archive holds the classes that later runs need. Output
 * goes nowhere; it never calls AWS.
 *
 * <p>Run by the launcher ({@code bin/caprune}) on the user's machine, the first time a caprune jar
 * starts there: so it ships in the jar. The archive is most of caprune's start-up speed. The few
 * other pieces kept for it ({@link Preselection}, {@code codeartifact.Preload}, {@code
 * logging.LazySlf4j}, {@code report.JsonStream}, the loopback plain-HTTP client in {@code
 * codeartifact.SdkGateways}, the CA bundle as the default socket factory in {@code
 * codeartifact.CaBundle}) are listed with their measured gains in docs/startup.md; nothing else in
 * the code is written for start-up time. With the {@code sandbox} command, the one user of {@code
 * dev.caprune.sandbox} in caprune's own code.
 */
public final class Warmup {
  private Warmup() {}

  public static void main(String[] args) throws IOException {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    List<List<String>> runs = new ArrayList<>();
    runs.add(List.of("--version"));
    runs.add(List.of("--help"));
    runs.add(List.of("--no-such-option"));
    for (String name : Caprune.COMMANDS.keySet()) {
      runs.add(List.of(name, "--help"));
    }
    for (Completions.Shell shell : Completions.Shell.values()) {
      runs.add(List.of("completion", shell.name()));
    }
    for (List<String> run : runs) {
      train(CliContext.system(), none, run.toArray(String[]::new));
    }
    listAgainstSandbox(none);
    listOverTls(none);
  }

  /** One run as {@code main} starts it ({@link Startup#begin}), its output going nowhere. */
  private static void train(CliContext context, PrintWriter none, String... args) {
    Startup.begin(args);
    Caprune.run(context, none, none, args);
  }

  /**
   * Real listings against the demo data of an in-process sandbox: the SDK client, its HTTP client,
   * signing, JSON on both ends, selection and every output format, as a real run goes.
   */
  private static void listAgainstSandbox(PrintWriter none) throws IOException {
    // Dummy static credentials: the sandbox ignores them, and no real account is ever asked.
    System.setProperty("aws.accessKeyId", "warmup");
    System.setProperty("aws.secretAccessKey", "warmup");
    try (Sandbox sandbox = Sandbox.builder().demo(Instant.now()).start()) {
      String url = sandbox.endpoint().toString();
      for (String format : List.of("json", "table", "ndjson", "csv")) {
        String[] args = {
          "versions",
          "--endpoint-url",
          url,
          "--region",
          "us-east-1",
          "--domain",
          "acme",
          "--repository",
          "releases",
          "-o",
          format
        };
        train(CliContext.system(), none, args);
      }
    }
  }

  /**
   * One listing over HTTPS, as against AWS: a sandbox behind a self-signed certificate, trusted
   * through {@code AWS_CA_BUNDLE}. The archive then holds the JDK's TLS, certificate and crypto
   * classes too (about 1,000 of them). Without the JDK's keytool (which makes the certificate) the
   * archive is made without them.
   */
  private static void listOverTls(PrintWriter none) throws IOException {
    Path dir = Files.createTempDirectory("caprune-warmup");
    try {
      SelfSigned certificate;
      try {
        certificate = SelfSigned.create(dir);
      } catch (IOException e) {
        return;
      }
      try (Sandbox sandbox = Sandbox.builder().tls(certificate).demo(Instant.now()).start()) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AWS_CA_BUNDLE", certificate.caPem().toString());
        CliContext system = CliContext.system();
        CliContext overTls =
            new CliContext(
                system.clock(),
                (settings, guard) -> SdkGateways.open(settings, env, guard),
                system.terminal(),
                env);
        train(
            overTls,
            none,
            "versions",
            "--endpoint-url",
            sandbox.endpoint().toString(),
            "--region",
            "us-east-1",
            "--domain",
            "acme",
            "--repository",
            "releases",
            "-o",
            "json");
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
