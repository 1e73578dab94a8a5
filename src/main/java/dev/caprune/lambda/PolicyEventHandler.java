package dev.caprune.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.codeartifact.GatewayException;
import dev.caprune.codeartifact.SdkGateways;
import dev.caprune.execute.Stop;
import dev.caprune.policy.PackageEvent;
import dev.caprune.policy.PolicyException;
import dev.caprune.policy.PolicyFile;
import dev.caprune.report.OutputFormat;
import dev.caprune.run.AwsRequest;
import dev.caprune.run.CapruneException;
import dev.caprune.run.ExitCodes;
import dev.caprune.run.Output;
import dev.caprune.run.PolicyRun;
import dev.caprune.run.PolicyRunRequest;
import dev.caprune.run.PolicyTargets;
import dev.caprune.run.RunContext;
import dev.caprune.run.SizeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * The AWS Lambda handler ({@code dev.caprune.lambda.PolicyEventHandler::handleRequest}): an
 * EventBridge "CodeArtifact Package Version State Change" event in, exactly what {@code caprune
 * policy run POLICY --event - --yes -o ndjson} does out: the ndjson record on stdout (CloudWatch
 * Logs), people's lines on stderr, and a one-line JSON summary as the invocation's result. Any exit
 * code but 0 fails the invocation (an exception with the one-line message), so that Lambda's
 * retries and its dead-letter queue or on-failure destination see it.
 *
 * <p>Settings, from the environment: {@code CAPRUNE_POLICY} (the policy file; default {@code
 * policy.yaml} in {@code LAMBDA_TASK_ROOT}), {@code CAPRUNE_DRY_RUN} ({@code true}: a dry run).
 */
public final class PolicyEventHandler implements RequestStreamHandler {
  /** The policy file's variable. */
  public static final String POLICY = "CAPRUNE_POLICY";

  /** {@code true} makes every invocation a dry run. */
  public static final String DRY_RUN = "CAPRUNE_DRY_RUN";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Clock clock;
  private final PrintStream stdout;
  private final PrintStream stderr;

  /** Lambda's: the process environment, the system clock, stdout and stderr. */
  public PolicyEventHandler() {
    this(System.getenv(), Clock.systemUTC(), System.out, System.err);
  }

  /** For tests: the environment as a map, and the streams the record and people's lines go to. */
  PolicyEventHandler(Map<String, String> env, Clock clock, PrintStream stdout, PrintStream stderr) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** An invocation that failed: the run's exit code and its one-line message. */
  public static final class InvocationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    InvocationFailed(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true) {
          // A PrintStream keeps its failures to itself: ask it too, so that a record that could
          // not be written is seen (the run stops starting new work, the invocation fails).
          @Override
          public boolean checkError() {
            return super.checkError() || stdout.checkError();
          }
        };
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    ObjectNode summary = JSON.createObjectNode();
    int code;
    String message = null;
    try {
      code = run(input, out, err, summary);
    } catch (CapruneException e) {
      code = e.exitCode();
      message = e.getMessage();
    } catch (PolicyException e) {
      code = ExitCodes.USAGE;
      message = e.getMessage();
    } catch (GatewayException e) {
      code = ExitCodes.of(e.kind());
      message = e.getMessage();
    } catch (Stop.StoppedException e) {
      code = ExitCodes.INTERRUPTED;
      message = "interrupted";
    } catch (Exception e) {
      code = ExitCodes.RUNTIME;
      message = "internal error: " + e;
    }
    out.flush();
    if (message != null) {
      message = LambdaConsole.line(message);
      err.println("caprune: " + message);
    }
    err.flush();
    summary.put("exitCode", code);
    if (code != ExitCodes.OK && message == null) {
      message = "policy run ended with exit code " + code + " (" + meaning(code) + ")";
    }
    summary.put("message", message);
    output.write(JSON.writeValueAsBytes(summary));
    output.write('\n');
    output.flush();
    if (code != ExitCodes.OK) {
      throw new InvocationFailed(code, message);
    }
  }

  private int run(InputStream input, PrintWriter out, PrintWriter err, ObjectNode summary)
      throws Exception {
    if (out.checkError()) {
      // A PrintStream's failure is for good (System.out in a warm container): a run now would
      // write with no record of it.
      throw new CapruneException(
          ExitCodes.RUNTIME,
          "stdout cannot be written (it failed in an earlier invocation): nothing was done, as"
              + " the record of it would be lost");
    }
    Path policy = policyFile();
    boolean dryRun = dryRun();
    summary.put("policy", policy.toString());
    summary.put("dryRun", dryRun);
    // Read and checked before any call: a malformed event calls nothing.
    PackageEvent event = PackageEvent.read(input, "event");
    summary.put("event", event.id());
    summary.put("package", event.pkg().toString());
    summary.put("repository", event.domain() + "/" + event.repository());
    PolicyFile.Loaded loaded = PolicyFile.read(policy, clock);
    AwsRequest aws = AwsRequest.defaults(); // the command line's, as given no option
    PolicyRunRequest request =
        new PolicyRunRequest(
            policy.toString(),
            loaded.policy(),
            loaded.protect(),
            loaded.deleteEmptyPackages(),
            PolicyTargets.resolve(loaded.targets(), aws),
            PolicyTargets.TERMS,
            false,
            dryRun,
            false,
            true,
            loaded.max(),
            null,
            SizeRequest.NONE,
            new Output(OutputFormat.ndjson, false, false, null),
            loaded.protections(),
            event);
    RunContext context =
        new RunContext(
            clock,
            (settings, guard) -> SdkGateways.open(settings, env, guard),
            env,
            new LambdaConsole(out, err),
            PolicyEventHandler::version);
    return PolicyRun.run(context, request);
  }

  /** {@code CAPRUNE_POLICY}, else {@code policy.yaml} in the deployment package. */
  private Path policyFile() {
    String file = env.get(POLICY);
    if (file != null && !file.isBlank()) {
      return Path.of(file);
    }
    String root = env.get("LAMBDA_TASK_ROOT");
    return root == null || root.isBlank() ? Path.of("policy.yaml") : Path.of(root, "policy.yaml");
  }

  private boolean dryRun() {
    String v = env.get(DRY_RUN);
    if (v == null || v.isBlank()) {
      return false;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw CapruneException.usage(
              DRY_RUN + " is " + LambdaConsole.line(v) + ": true or false, not that");
    };
  }

  private static String meaning(int code) {
    return switch (code) {
      case ExitCodes.RUNTIME -> "could not complete";
      case ExitCodes.USAGE -> "bad input";
      case ExitCodes.PARTIAL -> "some versions failed";
      case ExitCodes.REFUSED -> "refused";
      case ExitCodes.INTERRUPTED -> "interrupted";
      default -> "failed";
    };
  }

  private static String version() {
    String v = PolicyEventHandler.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
