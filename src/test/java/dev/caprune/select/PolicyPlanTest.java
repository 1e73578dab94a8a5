package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy plans (schema 3): each version's action and rule, checked as strictly as the rest. */
class PolicyPlanTest {
  static Plan.Entry entry(String version, String action, String rule) {
    return new Plan.Entry(
        "releases", Format.NPM, null, "app", version, VersionStatus.PUBLISHED, "r1", action, rule);
  }

  static Plan plan(int schema, String action, String target, List<Plan.Entry> entries) {
    return new Plan(
        schema, "0.1.0", Instant.EPOCH, "us-east-1", null, "acme", null, action, entries, target);
  }

  @Test
  void aPolicyPlanChecksEachVersionsActionAndRule() {
    plan(
            3,
            "policy",
            "prod",
            List.of(entry("1.0.0", "delete", "old"), entry("1.0.1", "archive", "rest")))
        .check();
    assertThatThrownBy(
            () -> plan(3, "policy", "prod", List.of(entry("1.0.0", "restore", "r"))).check())
        .hasMessageContaining("versions[0].action 'restore'");
    assertThatThrownBy(
            () -> plan(3, "policy", "prod", List.of(entry("1.0.0", "delete", null))).check())
        .hasMessageContaining("versions[0].rule is missing");
    assertThatThrownBy(() -> plan(3, "policy", null, List.of()).check())
        .hasMessageContaining("target is missing");
    assertThatThrownBy(() -> plan(3, "delete", "prod", List.of()).check())
        .hasMessageContaining("expected 'policy'");
    assertThatThrownBy(() -> plan(2, "policy", null, List.of()).check())
        .hasMessageContaining("needs schemaVersion 3");
    assertThatThrownBy(
            () -> plan(2, "delete", null, List.of(entry("1.0.0", "delete", "x"))).check())
        .hasMessageContaining("belong to policy plans");
  }

  @Test
  void ruleSelectionsKeepEachRulesVersionsApart() {
    Plan p =
        plan(
            3,
            "policy",
            "prod",
            List.of(
                entry("1.0.0", "delete", "old"),
                entry("1.0.1", "archive", "rest"),
                entry("1.0.2", "delete", "old")));
    List<Plan.RuleSelection> s = p.ruleSelections();
    assertThat(s).hasSize(2);
    assertThat(s.get(0).rule()).isEqualTo("old");
    assertThat(s.get(0).action()).isEqualTo("delete");
    assertThat(s.get(0).selection().selected())
        .extracting(VersionSummary::version)
        .containsExactly("1.0.0", "1.0.2");
    assertThat(s.get(1).selection().selected())
        .extracting(VersionSummary::version)
        .containsExactly("1.0.1");
  }
}
