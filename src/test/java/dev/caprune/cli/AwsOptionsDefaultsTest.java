package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.run.AwsRequest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command line's AWS defaults and {@link AwsRequest#defaults()} (what the Lambda handler runs
 * with) are one set: a default changed in one place only fails here.
 */
class AwsOptionsDefaultsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin AwsOptions aws;
  }

  @Test
  void theOptionsDefaultsAreTheRequestsDefaults() {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs();
    assertThat(probe.aws.request()).isEqualTo(AwsRequest.defaults());
  }
}
