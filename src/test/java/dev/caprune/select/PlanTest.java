package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static Plan.Entry entry(String pkg, String version) {
    return new Plan.Entry(
        "releases", Format.NPM, "acme", pkg, version, VersionStatus.PUBLISHED, "r-" + version);
  }

  private static Plan plan(String region, String endpoint, String owner, List<Plan.Entry> e) {
    return new Plan(
        Plan.SCHEMA_VERSION, "0.1.0", Instant.EPOCH, region, endpoint, "acme", owner, "delete", e);
  }

  @Test
  void aWellFormedPlanPasses() {
    plan(
            "us-gov-west-1",
            "https://codeartifact.example:8443/",
            "111122223333",
            List.of(entry("ui-kit", "1.0.0"), entry("ui-kit", "1.0.1"), entry("icons", "0.1.0")))
        .check();
    plan("eu-west-1", null, null, List.of()).check();
  }

  @Test
  void eachBadFieldIsNamed() {
    Object[][] cases = {
      {plan(null, null, null, List.of()), "region is missing"},
      {plan("EU_WEST", null, null, List.of()), "region 'EU_WEST'"},
      {plan("eu-west-1", "ftp://x", null, List.of()), "endpoint 'ftp://x'"},
      {plan("eu-west-1", null, "1234", List.of()), "domainOwner '1234'"},
      {
        plan("eu-west-1", null, null, List.of(entry("ui kit", "1.0.0"))),
        "versions[0].package 'ui kit'"
      },
      {plan("eu-west-1", null, null, List.of(entry("ui-kit", "1#0"))), "versions[0].version '1#0'"},
      {
        plan("eu-west-1", null, null, List.of(entry("p".repeat(256), "1"))),
        "versions[0].package 'ppppp"
      },
      {
        plan("eu-west-1", null, null, List.of(entry("a", "1"), entry("a", "1"))),
        "versions[1] repeats versions[0]"
      },
      {
        plan("eu-west-1", null, null, List.of(entry("a", "1"), entry("b", "1"), entry("a", "2"))),
        "versions[2]: package releases @acme/a appears twice"
      },
      {
        plan(
            "eu-west-1",
            null,
            null,
            List.of(
                new Plan.Entry(
                    "releases", Format.NPM, null, "a", "1", VersionStatus.DELETED, null))),
        "versions[0].status is Deleted"
      },
      {
        plan(
            "eu-west-1",
            null,
            null,
            List.of(
                new Plan.Entry(
                    "releases", Format.MAVEN, null, "a", "1", VersionStatus.PUBLISHED, null))),
        "versions[0].namespace is missing"
      },
    };
    for (Object[] c : cases) {
      Plan p = (Plan) c[0];
      assertThatThrownBy(p::check)
          .as((String) c[1])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining((String) c[1]);
    }
  }

  @Test
  void longValuesAreCutInMessages() {
    Plan p = plan("eu-west-1", null, null, List.of(entry("x".repeat(2000) + " ", "1")));
    assertThatThrownBy(p::check).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
  }

  @Test
  void ofKeepsEachPackageTogether() {
    RepositoryRef repo = new RepositoryRef("acme", null, "releases");
    PackageId a = new PackageId(Format.NPM, null, "a");
    List<PackageSelection> sels = new ArrayList<>();
    for (String v : new String[] {"1", "2"}) {
      sels.add(
          new PackageSelection(
              repo,
              a,
              null,
              List.of(
                  new Decision(
                      new VersionSummary(v, "r" + v, VersionStatus.PUBLISHED, Origin.UNKNOWN),
                      true,
                      "selected")),
              List.of()));
    }
    Plan p = Plan.of("0.1.0", Instant.EPOCH, "us-east-1", null, "acme", null, "delete", sels);
    p.check();
    assertThat(p.versions()).extracting(Plan.Entry::version).containsExactly("1", "2");
    assertThat(p.selections()).hasSize(1);
  }
}
