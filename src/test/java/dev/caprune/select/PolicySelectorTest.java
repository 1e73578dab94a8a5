package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Policy.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy's semantics: keep wins, first match claims, keepLatest within a rule. */
class PolicySelectorTest {
  static final Instant DAY0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant NOW = DAY0.plus(Duration.ofDays(30));
  static final RepositoryRef REPO = new RepositoryRef("acme", null, "releases");
  static final PackageId PKG = new PackageId(Format.NPM, null, "app");

  /** 1.0.0 .. 1.0.9, version i published on day i+1; newest first as the API lists them. */
  static List<VersionSummary> listing() {
    List<VersionSummary> out = new ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      out.add(new VersionSummary("1.0." + i, "r" + i, VersionStatus.PUBLISHED, Origin.INTERNAL));
    }
    return out;
  }

  static Optional<Instant> published(String version) {
    int i = Integer.parseInt(version.substring(4));
    return Optional.of(DAY0.plus(Duration.ofDays(i + 1)));
  }

  /** A keep rule has no action. */
  static final Action KEEP = null;

  static Rule rule(String name, Action action, UnaryOperator<Criteria.Builder> filters) {
    return rule(name, action, List.of(), filters);
  }

  static Rule rule(
      String name, Action action, List<String> repos, UnaryOperator<Criteria.Builder> filters) {
    Criteria c = filters.apply(new Criteria.Builder().protectLatest(action != KEEP)).build();
    return new Rule(name, action, c, repos.stream().map(Matcher::glob).toList());
  }

  static UnaryOperator<Criteria.Builder> versions(String... globs) {
    return b -> {
      for (String g : globs) {
        b.includeVersion(Matcher.glob(g));
      }
      return b;
    };
  }

  /** Published more than {@code days} ago (from NOW). */
  static UnaryOperator<Criteria.Builder> olderThanDays(int days) {
    return b -> b.window(new TimeWindow(null, NOW.minus(Duration.ofDays(days))));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "keep wins over a later delete",
            List.of(
                rule("pinned", KEEP, versions("1.0.1", "1.0.2")),
                rule("all", Action.DELETE, versions("*"))),
            "1.0.0=delete:all 1.0.3=delete:all 1.0.4=delete:all 1.0.5=delete:all"
                + " 1.0.6=delete:all 1.0.7=delete:all 1.0.8=delete:all"),
        Arguments.of(
            "keep wins over an earlier delete too",
            List.of(
                rule("all", Action.DELETE, versions("*")),
                rule("pinned", KEEP, versions("1.0.1", "1.0.2"))),
            "1.0.0=delete:all 1.0.3=delete:all 1.0.4=delete:all 1.0.5=delete:all"
                + " 1.0.6=delete:all 1.0.7=delete:all 1.0.8=delete:all"),
        Arguments.of(
            "the first rule that matches claims",
            List.of(
                rule("some", Action.ARCHIVE, versions("1.0.1", "1.0.2")),
                rule("rest", Action.DELETE, versions("*"))),
            "1.0.0=delete:rest 1.0.1=archive:some 1.0.2=archive:some 1.0.3=delete:rest"
                + " 1.0.4=delete:rest 1.0.5=delete:rest 1.0.6=delete:rest 1.0.7=delete:rest"
                + " 1.0.8=delete:rest"),
        Arguments.of(
            "keepLatest keeps within its rule: a catch-all below never undoes it",
            List.of(
                rule("releases", Action.DELETE, b -> versions("*").apply(b).keepLatest(3)),
                rule("catch-all", Action.DELETE, versions("*"))),
            "1.0.0=delete:releases 1.0.1=delete:releases 1.0.2=delete:releases"
                + " 1.0.3=delete:releases 1.0.4=delete:releases 1.0.5=delete:releases"
                + " 1.0.6=delete:releases"),
        Arguments.of(
            "keepLatest counts only what earlier rules left",
            List.of(
                rule("old", Action.UNLIST, versions("1.0.0", "1.0.1", "1.0.2")),
                rule("releases", Action.DELETE, b -> versions("*").apply(b).keepLatest(5))),
            "1.0.0=unlist:old 1.0.1=unlist:old 1.0.2=unlist:old 1.0.3=delete:releases"
                + " 1.0.4=delete:releases"),
        Arguments.of(
            "outside a rule's time window, a later rule may claim",
            List.of(
                rule("aged", Action.DELETE, b -> versions("*").apply(olderThanDays(25).apply(b))),
                rule("young", Action.ARCHIVE, versions("*"))),
            "1.0.0=delete:aged 1.0.1=delete:aged 1.0.2=delete:aged 1.0.3=delete:aged"
                + " 1.0.4=archive:young 1.0.5=archive:young 1.0.6=archive:young"
                + " 1.0.7=archive:young 1.0.8=archive:young"),
        Arguments.of(
            "a keep rule's keepLatest keeps the N newest of what it matches",
            List.of(
                rule(
                    "newest",
                    KEEP,
                    b ->
                        versions("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4")
                            .apply(b)
                            .keepLatest(2)),
                rule("all", Action.DISPOSE, versions("*"))),
            "1.0.0=dispose:all 1.0.1=dispose:all 1.0.2=dispose:all 1.0.5=dispose:all"
                + " 1.0.6=dispose:all 1.0.7=dispose:all 1.0.8=dispose:all"),
        Arguments.of(
            "a rule narrowed to other repositories does not apply",
            List.of(
                rule("elsewhere", Action.DELETE, List.of("snap*"), versions("*")),
                rule("here", Action.ARCHIVE, List.of("rel*"), versions("1.0.0"))),
            "1.0.0=archive:here"),
        Arguments.of(
            "no rule matches: nothing is done",
            List.of(rule("none", Action.DELETE, versions("9.*"))),
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void semantics(String name, List<Rule> rules, String expected) {
    PolicySelector.Result r =
        new PolicySelector(new Policy(rules))
            .select(REPO, PKG, "1.0.9", listing(), PolicySelectorTest::published);
    Map<String, String> actual = new TreeMap<>();
    for (PolicySelector.Verdict v : r.verdicts()) {
      if (v.selected()) {
        actual.put(v.version().version(), v.rule().action().wire() + ":" + v.rule().name());
      }
    }
    Map<String, String> want = new TreeMap<>();
    for (String pair : expected.split(" ")) {
      if (!pair.isEmpty()) {
        want.put(pair.split("=")[0], pair.split("=")[1]);
      }
    }
    assertThat(actual).isEqualTo(want);
    // byRule hands each action rule its own versions, and no version twice.
    Map<String, String> byRule = new TreeMap<>();
    for (PolicySelector.RuleSelection s : r.byRule(rules)) {
      for (VersionSummary v : s.selection().selected()) {
        assertThat(byRule.put(v.version(), s.rule().action().wire() + ":" + s.rule().name()))
            .isNull();
      }
    }
    assertThat(byRule).isEqualTo(want);
  }

  @Test
  void reasonsNameTheRule() {
    List<Rule> rules =
        List.of(
            rule("pinned", KEEP, versions("1.0.1")),
            rule("releases", Action.DELETE, b -> versions("*").apply(b).keepLatest(2)));
    Map<String, String> why = new HashMap<>();
    new PolicySelector(new Policy(rules))
        .select(REPO, PKG, "1.0.9", listing(), PolicySelectorTest::published)
        .verdicts()
        .forEach(v -> why.put(v.version().version(), v.reason()));
    assertThat(why.get("1.0.0")).isEqualTo("rule releases");
    assertThat(why.get("1.0.1")).isEqualTo("kept by rule pinned");
    assertThat(why.get("1.0.9")).startsWith("kept by rule releases");
    assertThat(why.get("1.0.8")).startsWith("kept by rule releases (newest 2");
    assertThat(why.get("1.0.7")).isEqualTo("rule releases");
  }

  @Test
  void latestIsProtectedAndNamedSo() {
    List<Rule> rules = List.of(rule("all", Action.DELETE, versions("*")));
    PolicySelector.Result r =
        new PolicySelector(new Policy(rules))
            .select(REPO, PKG, "1.0.9", listing(), PolicySelectorTest::published);
    PolicySelector.Verdict latest =
        r.verdicts().stream().filter(v -> v.version().version().equals("1.0.9")).findFirst().get();
    assertThat(latest.selected()).isFalse();
    assertThat(latest.reason()).isEqualTo("protected: latest");
  }

  @Test
  void eachPublishTimeIsAskedOnceHoweverManyRulesUseIt() {
    List<Rule> rules =
        List.of(
            rule(
                "a",
                Action.DELETE,
                b ->
                    versions("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4")
                        .apply(olderThanDays(27).apply(b))),
            rule("b", Action.ARCHIVE, b -> versions("*").apply(olderThanDays(27).apply(b))),
            rule("c", Action.UNLIST, b -> versions("*").apply(olderThanDays(22).apply(b))),
            rule("k", KEEP, b -> versions("*").apply(olderThanDays(29).apply(b))));
    Map<String, Integer> asked = new HashMap<>();
    new PolicySelector(new Policy(rules))
        .select(
            REPO,
            PKG,
            "1.0.9",
            listing(),
            v -> {
              asked.merge(v, 1, Integer::sum);
              return published(v);
            });
    assertThat(asked.values()).allMatch(n -> n == 1);
    // Binary searches, not a describe per version per rule.
    assertThat(asked.size()).isLessThan(10);
  }

  @Test
  void eachDistinctCutOffCostsOneSearchOverTheWholeListing() {
    // 1,000 versions, version i published on day i; several rules share two cut-offs.
    List<VersionSummary> listed = new ArrayList<>();
    for (int i = 999; i >= 0; i--) {
      listed.add(new VersionSummary("1.0." + i, "r", VersionStatus.PUBLISHED, Origin.INTERNAL));
    }
    Instant now = DAY0.plus(Duration.ofDays(1000));
    UnaryOperator<Criteria.Builder> old =
        b -> b.window(new TimeWindow(null, now.minus(Duration.ofDays(400))));
    UnaryOperator<Criteria.Builder> older =
        b -> b.window(new TimeWindow(null, now.minus(Duration.ofDays(700))));
    List<Rule> rules =
        List.of(
            rule("k", KEEP, b -> versions("1.0.1*").apply(older.apply(b))),
            rule("a", Action.DELETE, b -> versions("1.0.2*").apply(old.apply(b))),
            rule("b", Action.DISPOSE, b -> versions("1.0.3*").apply(older.apply(b))),
            rule("c", Action.UNLIST, b -> versions("1.0.4*").apply(old.apply(b))),
            rule("d", Action.ARCHIVE, b -> versions("*").apply(old.apply(b))));
    Map<String, Integer> asked = new HashMap<>();
    PolicySelector.Result r =
        new PolicySelector(new Policy(rules))
            .select(
                REPO,
                PKG,
                "1.0.999",
                listed,
                v -> {
                  asked.merge(v, 1, Integer::sum);
                  return Optional.of(DAY0.plus(Duration.ofDays(Integer.parseInt(v.substring(4)))));
                });
    // Two distinct cut-offs: at most 2 x (ceil(log2 1000) + 2) = 24 describe calls.
    assertThat(asked.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(24);
    // And the verdicts are right: d archives what is older than 400 days and no earlier rule took.
    for (PolicySelector.Verdict v : r.verdicts()) {
      int i = Integer.parseInt(v.version().version().substring(4));
      boolean old400 = i < 600;
      if (v.selected()) {
        assertThat(old400).as(v.toString()).isTrue();
      }
      if (old400 && !v.version().version().startsWith("1.0.1")) {
        assertThat(v.selected()).as(v.toString()).isTrue();
      }
    }
  }

  @Test
  void neededOnlyWhenSomeActionRuleCanMatchThePackage() {
    Policy p =
        new Policy(
            List.of(
                rule("k", KEEP, versions("*")),
                rule(
                    "d",
                    Action.DELETE,
                    b ->
                        b.includePackage(PackagePattern.parse("lib-*"))
                            .includeVersion(Matcher.glob("*")))));
    PolicySelector s = new PolicySelector(p);
    assertThat(s.needed(REPO, PKG)).isFalse();
    assertThat(s.needed(REPO, new PackageId(Format.NPM, null, "lib-a"))).isTrue();
  }

  /** {@link #listing()}'s times, except 1.0.3 and 1.0.9, whose publish time is unknown. */
  static Optional<Instant> someUnknown(String version) {
    return version.equals("1.0.3") || version.equals("1.0.9")
        ? Optional.empty()
        : published(version);
  }

  /** version → reason, for every verdict. */
  static Map<String, String> reasons(List<Rule> rules) {
    Map<String, String> why = new TreeMap<>();
    new PolicySelector(new Policy(rules))
        .select(REPO, PKG, "1.0.8", listing(), PolicySelectorTest::someUnknown)
        .verdicts()
        .forEach(v -> why.put(v.version().version(), (v.selected() ? "+" : "-") + v.reason()));
    return why;
  }

  @Test
  void aKeepRulesTimeWindowKeepsWhatHasNoKnownPublishTime() {
    // Newer than 25 days before NOW: 1.0.5 (day 6) and up.
    UnaryOperator<Criteria.Builder> recent =
        b -> b.window(new TimeWindow(NOW.minus(Duration.ofDays(25)), null));
    Map<String, String> why =
        reasons(List.of(rule("recent", KEEP, recent), rule("d", Action.DELETE, versions("*"))));
    assertThat(why)
        .containsEntry("1.0.3", "-kept by rule recent: publish time unknown")
        .containsEntry("1.0.9", "-kept by rule recent: publish time unknown")
        .containsEntry("1.0.5", "-kept by rule recent")
        .containsEntry("1.0.4", "+rule d")
        .containsEntry("1.0.0", "+rule d");
    // Older than: the same, at the other edge.
    Map<String, String> old =
        reasons(
            List.of(rule("old", KEEP, olderThanDays(27)), rule("d", Action.DELETE, versions("*"))));
    assertThat(old)
        .containsEntry("1.0.3", "-kept by rule old: publish time unknown")
        .containsEntry("1.0.9", "-kept by rule old: publish time unknown")
        .containsEntry("1.0.0", "-kept by rule old")
        .containsEntry("1.0.4", "+rule d");
  }

  @Test
  void keepLatestByPublishOrderKeepsWhatHasNoKnownPublishTime() {
    UnaryOperator<Criteria.Builder> newest2 = b -> b.keepLatest(2).order(Criteria.Order.published);
    Map<String, String> keep =
        reasons(List.of(rule("newest", KEEP, newest2), rule("d", Action.DELETE, versions("*"))));
    // 1.0.9 has no time: the two newest known are 1.0.8 (also latest, which says so first) and
    // 1.0.7.
    assertThat(keep)
        .containsEntry("1.0.9", "-kept by rule newest: publish time unknown")
        .containsEntry("1.0.3", "-kept by rule newest: publish time unknown")
        .containsEntry("1.0.8", "-protected: latest")
        .containsEntry("1.0.7", "-kept by rule newest")
        .containsEntry("1.0.6", "+rule d");
    Map<String, String> action =
        reasons(List.of(rule("d", Action.DELETE, b -> newest2.apply(versions("*").apply(b)))));
    assertThat(action)
        .containsEntry("1.0.9", "-kept by rule d: publish time unknown")
        .containsEntry("1.0.3", "-kept by rule d: publish time unknown")
        .containsEntry("1.0.6", "+rule d");
  }

  @Test
  void aKeepRuleWhoseFiltersMatchNothingIsNamedAfterTheRun() {
    List<Rule> rules =
        List.of(
            rule("typo", KEEP, versions("1.0.O")),
            rule("fine", KEEP, versions("1.0.1")),
            rule("empty-today", KEEP, b -> versions("1.0.2").apply(olderThanDays(99).apply(b))),
            rule("d", Action.DELETE, versions("*")));
    Policy policy = new Policy(rules);
    assertThat(policy.unmatchedKeepRules()).extracting(Rule::name).contains("typo", "fine");
    new PolicySelector(policy).select(REPO, PKG, "1.0.9", listing(), PolicySelectorTest::published);
    // A window that keeps nothing today is no typo: only the filters count.
    assertThat(policy.unmatchedKeepRules()).extracting(Rule::name).containsExactly("typo");
  }
}
