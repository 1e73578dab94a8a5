package dev.caprune.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run behind the launcher's class-data archive: it goes through the paths a real run
 * takes (parsing, help, completion, and a {@code versions} call answered by a loopback stub), so
 * the archive holds the classes that later runs need. Output goes nowhere; it never calls AWS.
 */
final class Warmup {
  private Warmup() {}

  public static void main(String[] args) throws IOException {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine model = Caprune.commandLine(CliContext.system(), none, none);
    List<List<String>> runs = new ArrayList<>();
    runs.add(List.of("--version"));
    runs.add(List.of("--help"));
    runs.add(List.of("--no-such-option"));
    for (String name : model.getSubcommands().keySet()) {
      runs.add(List.of(name, "--help"));
    }
    for (Completions.Shell shell : Completions.Shell.values()) {
      runs.add(List.of("completion", shell.name()));
    }
    for (List<String> run : runs) {
      Caprune.run(none, none, run.toArray(String[]::new));
    }
    if (model.getSubcommands().containsKey("versions")) {
      listAgainstStub(none);
    }
  }

  /** One {@code versions} call against a stub that answers every request with an empty list. */
  private static void listAgainstStub(PrintWriter none) throws IOException {
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    stub.start();
    // Dummy static credentials: the stub ignores them, and no real account is ever asked.
    System.setProperty("aws.accessKeyId", "warmup");
    System.setProperty("aws.secretAccessKey", "warmup");
    try {
      String url = "http://127.0.0.1:" + stub.getAddress().getPort();
      Caprune.run(
          none,
          none,
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
          "json");
    } finally {
      stub.stop(0);
    }
  }
}
