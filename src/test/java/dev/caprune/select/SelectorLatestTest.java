package dev.caprune.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Latest protection when the listing names no latest version (issue 13: fail closed). */
class SelectorLatestTest {
  private static final RepositoryRef REPO = new RepositoryRef("acme", null, "releases");
  private static final PackageId APP = new PackageId(Format.NPM, null, "app");

  private static VersionSummary v(String version) {
    return new VersionSummary(version, "r-" + version, VersionStatus.PUBLISHED, Origin.INTERNAL);
  }

  /** Newest first by publish time: a 1.x backport published after 2.0.0. */
  private static final List<VersionSummary> NEWEST_PUBLISHED_FIRST =
      List.of(v("1.9.1"), v("2.0.0"), v("1.9.0"), v("1.0.0"));

  private static Map<String, String> reasons(PackageSelection sel) {
    Map<String, String> out = new LinkedHashMap<>();
    sel.decisions().forEach(d -> out.put(d.version().version(), d.reason()));
    return out;
  }

  private static PackageSelection select(Criteria c, String latest, List<VersionSummary> listed) {
    return new Selector(c).select(REPO, APP, latest, listed, v -> Optional.empty());
  }

  @Test
  void withoutDefaultDisplayVersionBothTheNewestAndTheMostRecentlyPublishedAreProtected() {
    Criteria all = new Criteria.Builder().build();
    assertThat(all.needsPublishOrder()).as("latest protection lists newest first").isTrue();
    PackageSelection sel = select(all, null, NEWEST_PUBLISHED_FIRST);
    Map<String, String> why = reasons(sel);
    assertThat(why.get("2.0.0"))
        .isEqualTo(
            "protected: latest: newest by npm order (no defaultDisplayVersion in the listing)");
    assertThat(why.get("1.9.1"))
        .isEqualTo(
            "protected: latest: most recently published (no defaultDisplayVersion in the listing)");
    assertThat(sel.selected())
        .extracting(VersionSummary::version)
        .containsExactly("1.0.0", "1.9.0");
    assertThat(sel.decisions().stream().filter(Decision::isProtected)).hasSize(2);
    assertThat(sel.warnings())
        .containsExactly(
            "app: the listing names no latest version (defaultDisplayVersion); protecting '2.0.0',"
                + " newest by npm order, and '1.9.1', most recently published");
  }

  @Test
  void oneVersionBothNewestAndMostRecentIsProtectedOnce() {
    PackageSelection sel =
        select(new Criteria.Builder().build(), null, List.of(v("3.0.0"), v("2.0.0")));
    assertThat(reasons(sel).get("3.0.0"))
        .isEqualTo(
            "protected: latest: newest and most recently published (no defaultDisplayVersion in"
                + " the listing)");
    assertThat(sel.selected()).extracting(VersionSummary::version).containsExactly("2.0.0");
  }

  @Test
  void withDefaultDisplayVersionOnlyItIsProtectedAndNoWarning() {
    PackageSelection sel = select(new Criteria.Builder().build(), "1.9.0", NEWEST_PUBLISHED_FIRST);
    assertThat(reasons(sel).get("1.9.0")).isEqualTo("protected: latest");
    assertThat(sel.selected())
        .extracting(VersionSummary::version)
        .containsExactly("1.0.0", "1.9.1", "2.0.0");
    assertThat(sel.warnings()).isEmpty();
  }

  @Test
  void noProtectLatestProtectsNothingAndAsksNoPublishOrder() {
    Criteria none = new Criteria.Builder().protectLatest(false).build();
    assertThat(none.needsPublishOrder()).isFalse();
    PackageSelection sel = select(none, null, NEWEST_PUBLISHED_FIRST);
    assertThat(sel.selected()).hasSize(4);
    assertThat(sel.warnings()).isEmpty();
  }

  @Test
  void theNewestIsProtectedEvenWhenFiltersAndKeepLatestAreApplied() {
    // A filter that selects every 1.x and 2.x: the newest must still be held back.
    Criteria c = new Criteria.Builder().includeVersion(Matcher.glob("*")).keepLatest(0).build();
    PackageSelection sel = select(c, null, NEWEST_PUBLISHED_FIRST);
    assertThat(sel.selected()).extracting(VersionSummary::version).doesNotContain("2.0.0", "1.9.1");
  }
}
