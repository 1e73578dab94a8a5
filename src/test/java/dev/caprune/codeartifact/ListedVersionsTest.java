package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Origin;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListedVersionsTest {

  private static VersionSummary v(String version) {
    return new VersionSummary(version, "r-" + version, VersionStatus.PUBLISHED, Origin.INTERNAL);
  }

  @Test
  void findsEveryVersionAddedAndNoOtherInTheOrderAdded() {
    ListedVersions listed = new ListedVersions("listing", n -> {});
    List<VersionSummary> added = new ArrayList<>();
    // Strings with equal hashes ("Aa" and "BB") and many near ones: collisions and growth.
    for (int i = 0; i < 5_000; i++) {
      for (String s : List.of("1.0." + i, "Aa" + i, "BB" + i)) {
        assertThat(listed.get(s)).as(s).isNull();
        VersionSummary v = v(s);
        listed.add(v);
        added.add(v);
      }
    }
    for (VersionSummary v : added) {
      assertThat(listed.get(v.version())).isSameAs(v);
    }
    assertThat(listed.get("1.0.5000")).isNull();
    assertThat(listed.get("")).isNull();
    assertThat(listed.inOrder()).containsExactlyElementsOf(added);
  }
}
