package dev.caprune.select.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Versions longer than CodeArtifact allows (255 characters) come only from a broken or hostile
 * server: they must not parse, so that no format's regex recurses over thousands of segments (a
 * StackOverflowError before).
 */
class HostileVersionsTest {
  private static final List<String> HUGE =
      List.of(
          "1" + ".0".repeat(3_000),
          "1.0-" + "a-".repeat(3_000),
          "1.0-" + "a.".repeat(3_000),
          "v1!" + "1.".repeat(3_000) + "dev",
          "1.0-20250101.120000-" + "1-20250101.120000-".repeat(300) + "1");

  @ParameterizedTest
  @EnumSource(Format.class)
  void versionsLongerThanTheServiceAllowsDoNotParseAndSortBelowTheRest(Format format) {
    VersionOrder order = VersionOrder.of(format);
    List<String> all = new ArrayList<>(HUGE);
    all.add("1.0.0");
    all.sort(order);
    if (format != Format.GENERIC) { // natural order parses everything
      assertThat(all.indexOf("1.0.0")).as("1.0.0 sorts above every unparseable one").isEqualTo(5);
    }
    for (String v : HUGE) {
      if (format != Format.GENERIC) {
        assertThat(order.parses(v))
            .as("%s parses a %d-character version", format, v.length())
            .isFalse();
      }
      assertThat(order.isPrerelease(v)).isFalse();
    }
    assertThat(MavenOrder.isTimestampedSnapshot(HUGE.get(4))).isFalse();
  }
}
