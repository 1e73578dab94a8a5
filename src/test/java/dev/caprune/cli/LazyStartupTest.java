package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.logging.LazySlf4j;
import dev.caprune.logging.LogConfiguration;
import dev.caprune.sandbox.Sandbox;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --help}, {@code --version}, {@code completion} and usage errors must not start Log4j or
 * the AWS SDK: scripts call them often and the start-up cost shows. Each case runs caprune in a
 * fresh class loader that records every class it defines.
 */
class LazyStartupTest {
  private static final List<String> HEAVY =
      List.of("org.apache.logging.log4j.core.", "software.amazon.");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "--version",
        "-v --help",
        "completion bash",
        "completion zsh",
        "completion fish",
        "completion --help",
        "sandbox --help",
        "--no-such-option",
        "no-such-command",
        "completion"
      })
  void loadsNeitherLog4jNorTheSdk(String args) throws Exception {
    List<String> loaded = runIsolated(args.split(" "));
    assertThat(loaded).as("the loader saw caprune itself").contains(Caprune.class.getName());
    assertThat(loaded)
        .as(
            "classes loaded by 'caprune %s' (a Log4j logger or an SDK type on a path it takes?)",
            args)
        .noneMatch(name -> HEAVY.stream().anyMatch(name::startsWith));
  }

  /** A run that logs nothing never starts Log4j, though the SDK it loads asks what to log. */
  @Test
  void aRunThatLogsNothingStartsNoLog4j() throws Exception {
    List<String> loaded = runIsolated(refusedListing());
    assertThat(loaded).as("the check sees the SDK").anyMatch(n -> n.startsWith("software.amazon."));
    assertThat(loaded).anyMatch(n -> n.equals(LazySlf4j.class.getName()));
    assertThat(loaded).noneMatch(n -> n.startsWith("org.apache.logging.log4j.core."));
  }

  /** ... and the first message written does: -vvv makes the SDK log the request. */
  @Test
  void theFirstMessageWrittenStartsLog4j() throws Exception {
    List<String> args = new ArrayList<>(List.of("-vvv"));
    args.addAll(List.of(refusedListing()));
    List<String> loaded = runIsolated(args.toArray(String[]::new));
    assertThat(loaded).anyMatch(n -> n.equals(LogConfiguration.class.getName()));
  }

  /** The versions JSON is written without starting Jackson databind (~35 ms of a run). */
  @Test
  void versionsJsonNeedsNoDatabind() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
    try (Sandbox sandbox = Sandbox.builder().demo(Instant.parse("2025-07-01T00:00:00Z")).start()) {
      List<String> loaded =
          runIsolated(
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
      assertThat(loaded).as("the document was written").contains("dev.caprune.report.JsonStream");
      assertThat(loaded).noneMatch(n -> n.startsWith("com.fasterxml.jackson.databind."));
    }
  }

  /** Nothing listens on port 1: one refused call, then exit 1. */
  private static String[] refusedListing() {
    return new String[] {
      "versions",
      "--domain",
      "acme",
      "--repository",
      "releases",
      "--region",
      "us-east-1",
      "--endpoint-url",
      "http://127.0.0.1:1",
      "--max-attempts",
      "1"
    };
  }

  private static List<String> runIsolated(String... args) throws Exception {
    try (RecordingLoader loader = new RecordingLoader(testClassPath())) {
      Class<?> top = Class.forName(Caprune.class.getName(), true, loader);
      Method run = top.getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
      run.invoke(
          null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
      return loader.defined();
    }
  }

  private static URL[] testClassPath() throws MalformedURLException {
    // Surefire hides the real class path behind a manifest-only jar.
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  /** Defines every class of the class path itself (parent: the JDK only) and remembers each. */
  private static final class RecordingLoader extends URLClassLoader {
    private final List<String> defined = Collections.synchronizedList(new ArrayList<>());

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> c = super.findClass(name);
      defined.add(name);
      return c;
    }

    List<String> defined() {
      return List.copyOf(defined);
    }
  }
}
