package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.logging.Logging;
import dev.caprune.logging.Redaction;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.LogCapture;
import dev.caprune.testing.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At every verbosity, up to the SDK's own debug output at -vvv, no credential reaches stdout,
 * stderr, a log line or a plan: runs with session credentials, every output grepped.
 */
class LogSecretsTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
  private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE+session/token==";
  private static final Pattern SIGNATURE = Pattern.compile("(?i)signature=[0-9a-f]{16}");

  private SandboxHarness h;
  private String previousSecret;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    h = SandboxHarness.seeded("basic.json");
    previousSecret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.secretAccessKey", SECRET);
    System.setProperty("aws.sessionToken", TOKEN);
  }

  @AfterEach
  void stop() {
    System.setProperty("aws.secretAccessKey", previousSecret);
    System.clearProperty("aws.sessionToken");
    Logging.configure(0, false);
    h.close();
  }

  @Test
  void vvvListingsDeletesAndPlansLeakNoCredential() throws Exception {
    Path plan = dir.resolve("plan.json");
    List<String> outputs = new ArrayList<>();
    String logged;
    try (LogCapture log = LogCapture.attach()) {
      for (String[] args :
          new String[][] {
            {"versions", "--domain", "acme", "--repository", "releases", "-vvv"},
            {"-vvv", "delete", "--domain", "acme", "--repository", "releases"}, // usage error
            {
              "delete",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--package",
              "@acme/icons",
              "--no-protect-latest",
              "--yes",
              "-vvv"
            },
            {
              "archive",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "--package",
              "@acme/ui-kit",
              "--save-plan",
              plan.toString(),
              "-vvv"
            },
            {"apply", plan.toString(), "--yes", "-vvv"},
            {"versions", "--domain", "acme", "--repository", "releases", "-vv"},
            {"versions", "--domain", "acme", "--repository", "releases", "-v"},
          }) {
        CliResult r = h.run(args);
        outputs.add(r.out());
        outputs.add(r.err());
      }
      logged = log.text();
    }
    outputs.add(Files.readString(plan));
    // The run really logged the signed requests with the token header: masked, not absent.
    assertThat(logged).contains("x-amz-security-token:" + Redaction.REDACTED);
    assertThat(logged)
        .contains("/v1/package/versions/delete")
        .contains("/v1/package/versions/update_status")
        .contains("x-amz-date;x-amz-security-token\\n"); // the signed headers line is intact
    outputs.add(logged);
    for (String output : outputs) {
      assertThat(output).doesNotContain(TOKEN).doesNotContain(SECRET);
      assertThat(output).doesNotContainPattern(SIGNATURE);
    }
    assertThat(h.writeCalls()).isPositive(); // the delete and the apply ran
  }

  @Test
  void redactionMasksSecretsByNameWhateverTheirValue() {
    String[][] cases = {
      {"x-amz-security-token:abc123TOKEN", "x-amz-security-token:<redacted>"},
      {"X-Amz-Security-Token: abc123TOKEN\nhost:x", "X-Amz-Security-Token: <redacted>\nhost:x"},
      {
        "GET /?X-Amz-Security-Token=abc%2F12&X-Amz-Date=1",
        "GET /?X-Amz-Security-Token=<redacted>&X-Amz-Date=1"
      },
      {
        "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20250701/us-east-1/codeartifact/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=0123abcd",
        "Authorization: AWS4-HMAC-SHA256 <redacted>"
      },
      {"authorization=Bearer eyJhbGciOi", "authorization=Bearer <redacted>"},
      {
        "{\"SecretAccessKey\": \"s3cr3t/KEY\", \"SessionToken\": \"tok\"}",
        "{\"SecretAccessKey\": \"<redacted>\", \"SessionToken\": \"<redacted>\"}"
      },
      {"aws_secret_access_key = s3cr3t", "aws_secret_access_key = <redacted>"},
      {"X-Amz-Signature=ffee00", "X-Amz-Signature=<redacted>"},
      {"x-amz-security-token:abc\\n\\nhost;x", "x-amz-security-token:<redacted>\\n\\nhost;x"},
      {"listing acme/releases: 3 packages", "listing acme/releases: 3 packages"},
    };
    for (String[] c : cases) {
      assertThat(Redaction.redact(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }
}
