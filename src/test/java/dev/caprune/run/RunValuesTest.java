package dev.caprune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.codeartifact.GatewayException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run's values and rules that need no sandbox: requests, --max, exit codes, plan names. */
class RunValuesTest {
  private static final AwsRequest CLI =
      new AwsRequest("eu-west-1", "ops", null, 8, 800, 100, 5, "30s", "120s");

  @Test
  void aTargetsPlaceIsANewRequestAndTheOptionsStayAsGiven() {
    AwsRequest target = CLI.over("us-east-1", null, "http://127.0.0.1:9");
    assertThat(target.region()).isEqualTo("us-east-1");
    assertThat(target.profile()).isEqualTo("ops");
    assertThat(target.endpointUrl()).isEqualTo("http://127.0.0.1:9");
    assertThat(CLI.region()).isEqualTo("eu-west-1");
    assertThat(CLI.endpointUrl()).isNull();
  }

  @Test
  void aPlansPlaceReplacesRegionAndEndpointEvenWithNone() {
    AwsRequest bound = CLI.over(null, null, "http://127.0.0.1:9").boundTo("ap-south-1", null);
    assertThat(bound.region()).isEqualTo("ap-south-1");
    assertThat(bound.endpointUrl()).isNull();
    assertThat(bound.connection().settings().endpoint()).isNull();
  }

  @Test
  void theConnectionIsCheckedWhenResolved() {
    AwsRequest bad = new AwsRequest(null, null, null, 0, 800, 100, 5, "30s", "120s");
    assertThatThrownBy(bad::connection)
        .isInstanceOf(CapruneException.class)
        .hasMessage("--concurrency must be between 1 and 64, not 0");
    assertThat(CLI.connection().concurrency()).isEqualTo(8);
    assertThat(CLI.connection().limits()).isEqualTo(new dev.caprune.execute.Limits(800, 200, 100));
    // A lower read cap lowers each list operation's too; a higher one leaves them at their quota.
    assertThat(dev.caprune.execute.Limits.of(150, 100).listsPerOperation()).isEqualTo(150);
    assertThat(dev.caprune.execute.Limits.of(5000, 100).listsPerOperation()).isEqualTo(200);
  }

  @Test
  void targetsShareRateLimitsWhenTheySpendOneQuota() {
    AwsRequest other = CLI.over(null, "other", null);
    AwsRequest elsewhere = CLI.over("us-east-1", null, null);
    AwsRequest sandbox = CLI.over(null, null, "http://127.0.0.1:9");
    String holder = Session.quotaHolder(CLI.connection());
    assertThat(Session.quotaHolder(CLI.over(null, null, null).connection())).isEqualTo(holder);
    assertThat(Session.quotaHolder(other.connection())).isNotEqualTo(holder);
    assertThat(Session.quotaHolder(elsewhere.connection())).isNotEqualTo(holder);
    assertThat(Session.quotaHolder(sandbox.connection())).isNotEqualTo(holder);
    // Roles: the account in the ARN is the quota's holder, whatever the profile or role name.
    String deployer =
        Session.quotaHolder(
            CLI.over(null, null, null, role("arn:aws:iam::111122223333:role/deployer"))
                .connection());
    String cleaner =
        Session.quotaHolder(
            CLI.over(null, "other", null, role("arn:aws:iam::111122223333:role/cleaner"))
                .connection());
    String elsewhereRole =
        Session.quotaHolder(
            CLI.over(null, null, null, role("arn:aws:iam::444455556666:role/deployer"))
                .connection());
    assertThat(cleaner).isEqualTo(deployer).isNotEqualTo(holder);
    assertThat(elsewhereRole).isNotEqualTo(deployer);
  }

  private static dev.caprune.select.Role role(String arn) {
    return new dev.caprune.select.Role(arn, null, null, null);
  }

  @Test
  void maxIsZeroOrMoreAndRefusesMore() {
    assertThatThrownBy(() -> Confirmation.checkMaxOption(-1))
        .hasMessage("--max must be 0 or more, not -1");
    Confirmation.checkMaxOption(null);
    Confirmation.checkMaxOption(0);
    Confirmation.checkMax(null, "delete", 1_000_000);
    Confirmation.checkMax(5, "delete", 5);
    assertThatThrownBy(() -> Confirmation.checkMax(5, "change", 1_234))
        .isInstanceOfSatisfying(
            CapruneException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED))
        .hasMessage("refusing to change 1,234 versions: more than --max 5; nothing was changed");
  }

  @ParameterizedTest
  @CsvSource({"'0,0',0", "'0,3',3", "'3,1',1", "'1,3,0',1", "'4,0',4", "'4,3',3", "'130,1',1"})
  void aRunOfTargetsEndsWithTheWorstCode(String codes, int worst) {
    List<Integer> list = java.util.Arrays.stream(codes.split(",")).map(Integer::valueOf).toList();
    assertThat(ExitCodes.worst(list)).isEqualTo(worst);
  }

  @Test
  void whatTheUserCanFixIsUsageAndTheServiceFailingIsRuntime() {
    assertThat(ExitCodes.of(GatewayException.Kind.NOT_FOUND)).isEqualTo(ExitCodes.USAGE);
    assertThat(ExitCodes.of(GatewayException.Kind.CONFIGURATION)).isEqualTo(ExitCodes.USAGE);
    assertThat(ExitCodes.of(GatewayException.Kind.THROTTLED)).isEqualTo(ExitCodes.RUNTIME);
  }

  @ParameterizedTest
  @CsvSource({
    "plan.json,prod,plan.prod.json",
    "plan,prod,plan.prod",
    "dir/p.v1.json,a,dir/p.v1.a.json"
  })
  void eachTargetsPlanIsNamedAfterIt(String file, String target, String made) {
    assertThat(PolicyPlans.planFile(Path.of(file), target)).isEqualTo(Path.of(made));
  }

  @Test
  void aReaderThatQuitIsABrokenPipe() {
    assertThat(RunReport.brokenPipe("Broken pipe")).isTrue();
    assertThat(RunReport.brokenPipe("No space left on device")).isFalse();
    assertThat(RunReport.brokenPipe(null)).isFalse();
  }

  @Test
  void aPriceGoesWithSizes() {
    assertThat(SizeRequest.NONE.price()).isEqualTo(0.05);
    assertThatThrownBy(() -> new SizeRequest(false, 0.1).price())
        .hasMessageStartingWith("--price-per-gb-month prices what --sizes measures");
    assertThatThrownBy(() -> new SizeRequest(true, -1.0).price())
        .hasMessage("--price-per-gb-month must be a number of USD >= 0, not -1.0");
  }
}
