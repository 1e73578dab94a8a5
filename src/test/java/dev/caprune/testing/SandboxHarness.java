package dev.caprune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.cli.Caprune;
import dev.caprune.cli.CliContext;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A caprune command line against an in-process sandbox on a free port, through the real AWS SDK
 * over loopback. Credentials and region come from the SDK's own system-property providers.
 */
public final class SandboxHarness implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

  static {
    System.setProperty("aws.accessKeyId", "AKIDSANDBOX");
    System.setProperty("aws.secretAccessKey", "sandbox-secret");
    System.setProperty("aws.region", "us-east-1");
  }

  public final Sandbox sandbox;
  private CliContext context;

  public SandboxHarness(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.context =
        new CliContext(
            Clock.fixed(NOW, ZoneOffset.UTC),
            SdkGateways::open,
            CliContext.Terminal.none(),
            Map.of());
  }

  public static SandboxHarness seeded(String... seedResources) throws Exception {
    Sandbox.Builder b = Sandbox.builder();
    for (String r : seedResources) {
      b.seed(Path.of("src/test/resources/seeds", r));
    }
    return new SandboxHarness(b.start());
  }

  public SandboxHarness withContext(CliContext c) {
    this.context = c;
    return this;
  }

  public CliContext context() {
    return context;
  }

  /** Runs caprune with {@code --endpoint-url} pointing at the sandbox appended. */
  public CliResult run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.isEmpty() && !all.get(0).equals("sandbox")) {
      all.add("--endpoint-url");
      all.add(sandbox.endpoint().toString());
    }
    return runRaw(all.toArray(String[]::new));
  }

  /** Runs caprune exactly with these arguments. */
  public CliResult runRaw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Caprune.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliResult(code, out.toString(), err.toString());
  }

  public long calls(String op) {
    return sandbox.calls(op);
  }

  public long totalCalls() {
    return sandbox.calls().values().stream().mapToLong(Long::longValue).sum();
  }

  public long writeCalls() {
    return calls("DeletePackageVersions")
        + calls("UpdatePackageVersionsStatus")
        + calls("DisposePackageVersions")
        + calls("DeletePackage");
  }

  public JsonNode state() throws Exception {
    return new ObjectMapper().readTree(sandbox.stateJson());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
