package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --exclude-prerelease} and {@code --keep-latest-per}, through {@link Selector} and a
 * policy's keep and action rules ({@link PolicySelector}): what is selected, and what is kept.
 */
class KeepPerLineTest {
  static final RepositoryRef REPO = new RepositoryRef("acme", null, "releases");
  static final Instant DAY0 = Instant.parse("2025-01-01T00:00:00Z");

  /** npm versions, listed newest first by publish time (their order here: oldest first). */
  static final List<String> NPM =
      List.of(
          "1.0.0",
          "1.1.0",
          "1.1.1",
          "2.0.0-beta.1",
          "1.2.0",
          "2.0.0",
          "2.1.0-rc.1",
          "2.1.0",
          "3.0.0-alpha.1");

  /** A PyPI package whose pre-releases would fill a keep of the newest 3. */
  static final List<String> PYPI =
      List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0rc1", "1.3.0.dev1", "1.3.0.dev2");

  static Stream<Arguments> cases() {
    return Stream.of(
        // format, versions (oldest published first), criteria, selected
        Arguments.of(
            Format.NPM, NPM, spec().excludePrerelease(true), "1.0.0 1.1.0 1.1.1 1.2.0 2.0.0 2.1.0"),
        Arguments.of(
            Format.NPM, NPM, spec().onlyPrerelease(true), "2.0.0-beta.1 2.1.0-rc.1 3.0.0-alpha.1"),
        // Excluded pre-releases are no part of the newest 2: releases fill it.
        Arguments.of(
            Format.NPM,
            NPM,
            spec().excludePrerelease(true).keepLatest(2),
            "1.0.0 1.1.0 1.1.1 1.2.0"),
        // Without it, the pre-release 3.0.0-alpha.1 takes one of the newest 2.
        Arguments.of(
            Format.NPM,
            NPM,
            spec().keepLatest(2),
            "1.0.0 1.1.0 1.1.1 2.0.0-beta.1 1.2.0 2.0.0 2.1.0-rc.1"),
        // The newest of each major line: 1.2.0, 2.1.0, 3.0.0-alpha.1.
        Arguments.of(
            Format.NPM,
            NPM,
            spec().keepLatest(1).keepLatestPer(Criteria.Per.major),
            "1.0.0 1.1.0 1.1.1 2.0.0-beta.1 2.0.0 2.1.0-rc.1"),
        Arguments.of(
            Format.NPM,
            NPM,
            spec().keepLatest(2).keepLatestPer(Criteria.Per.major).excludePrerelease(true),
            "1.0.0 1.1.0"),
        // The newest of each minor line: 1.0.0, 1.1.1, 1.2.0, 2.0.0, 2.1.0, 3.0.0-alpha.1.
        Arguments.of(
            Format.NPM,
            NPM,
            spec().keepLatest(1).keepLatestPer(Criteria.Per.minor),
            "1.1.0 2.0.0-beta.1 2.1.0-rc.1"),
        // By publish time, per line: 2.1.0 was published after 2.1.0-rc.1 and 2.0.0.
        Arguments.of(
            Format.NPM,
            NPM,
            spec().keepLatest(1).keepLatestPer(Criteria.Per.major).order(Criteria.Order.published),
            "1.0.0 1.1.0 1.1.1 2.0.0-beta.1 2.0.0 2.1.0-rc.1"),
        Arguments.of(Format.PYPI, PYPI, spec().keepLatest(3), "1.0.0 1.1.0 1.2.0"),
        Arguments.of(Format.PYPI, PYPI, spec().keepLatest(3).excludePrerelease(true), ""),
        Arguments.of(
            Format.PYPI, PYPI, spec().keepLatest(1).excludePrerelease(true), "1.0.0 1.1.0"),
        // Versions with no numeric major are one line of their own.
        Arguments.of(
            Format.GENERIC,
            List.of("1.0", "1.1", "nightly-1", "nightly-2", "2.0"),
            spec().keepLatest(1).keepLatestPer(Criteria.Per.major),
            "1.0 nightly-1"));
  }

  static FilterSpec.Builder spec() {
    return new FilterSpec.Builder().protectLatest(false);
  }

  @ParameterizedTest(name = "{0} {2}: {3}")
  @MethodSource("cases")
  void selects(Format format, List<String> versions, FilterSpec.Builder spec, String selected) {
    Criteria c = spec.build().toCriteria(DAY0.plusSeconds(86_400L * 365));
    PackageSelection sel =
        new Selector(c)
            .select(REPO, new PackageId(format, null, "p"), null, listing(versions), times());
    assertThat(String.join(" ", sel.selected().stream().map(VersionSummary::version).toList()))
        .isEqualTo(inVersionOrder(format, selected));
  }

  @ParameterizedTest(name = "{0} {2}: {3}")
  @MethodSource("cases")
  void aPolicyActionRuleSelectsTheSame(
      Format format, List<String> versions, FilterSpec.Builder spec, String selected) {
    Criteria c = spec.build().toCriteria(DAY0.plusSeconds(86_400L * 365));
    Policy policy = new Policy(List.of(new Policy.Rule("r", Action.DELETE, c, List.of())));
    PolicySelector.Result r =
        new PolicySelector(policy)
            .select(REPO, new PackageId(format, null, "p"), null, listing(versions), times());
    List<String> got = new ArrayList<>();
    r.verdicts().stream().filter(v -> v.selected()).forEach(v -> got.add(v.version().version()));
    assertThat(String.join(" ", got)).isEqualTo(inVersionOrder(format, selected));
  }

  /** A keep rule's keepLatestPer keeps what the same action rule would not select. */
  @ParameterizedTest(name = "{0} {2}: {3}")
  @MethodSource("cases")
  void aPolicyKeepRuleKeepsTheRest(
      Format format, List<String> versions, FilterSpec.Builder spec, String selected) {
    Criteria keep = spec.build().toCriteria(DAY0.plusSeconds(86_400L * 365));
    if (keep.keepLatest() == null) {
      return; // without keepLatest, a keep rule keeps what it matches: not this test's point
    }
    Criteria all = new FilterSpec.Builder().protectLatest(false).build().toCriteria(DAY0);
    Policy policy =
        new Policy(
            List.of(
                new Policy.Rule("keep", null, keep, List.of()),
                new Policy.Rule("rest", Action.DELETE, all, List.of())));
    PolicySelector.Result r =
        new PolicySelector(policy)
            .select(REPO, new PackageId(format, null, "p"), null, listing(versions), times());
    // Kept by the keep rule: what it matches, less what the same filters as an action select.
    Criteria matching = keep.toBuilder().keepLatest(null).build();
    List<String> matched =
        new Selector(matching)
                .select(REPO, new PackageId(format, null, "p"), null, listing(versions), times())
                .selected()
                .stream()
                .map(VersionSummary::version)
                .toList();
    List<String> expectKept =
        matched.stream().filter(v -> !Arrays.asList(selected.split(" ")).contains(v)).toList();
    List<String> kept = new ArrayList<>();
    r.verdicts().stream().filter(v -> !v.selected()).forEach(v -> kept.add(v.version().version()));
    assertThat(kept).containsExactlyInAnyOrderElementsOf(expectKept);
  }

  /** Newest first by publish time: the list's last version was published last. */
  static List<VersionSummary> listing(List<String> oldestFirst) {
    List<VersionSummary> out = new ArrayList<>();
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      out.add(new VersionSummary(oldestFirst.get(i), "r" + i, VersionStatus.PUBLISHED, null));
    }
    return out;
  }

  /** Version i of the list was published on day i. */
  static java.util.function.Function<String, Optional<Instant>> times() {
    Map<String, Instant> t = new HashMap<>();
    for (List<String> l : List.of(NPM, PYPI)) {
      for (int i = 0; i < l.size(); i++) {
        t.put(l.get(i), DAY0.plusSeconds(86_400L * i));
      }
    }
    return v -> Optional.ofNullable(t.get(v));
  }

  /** The expected versions in the order a selection gives them: oldest first by version order. */
  private static String inVersionOrder(Format format, String selected) {
    if (selected.isEmpty()) {
      return "";
    }
    List<String> l = new ArrayList<>(Arrays.asList(selected.split(" ")));
    l.sort(dev.caprune.select.order.VersionOrder.of(format));
    return String.join(" ", l);
  }
}
