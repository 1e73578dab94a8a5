package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caprune.testing.SandboxState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --generate-statuses}: the share of each status, and nothing else, follows the mix. */
class GeneratedStatusesTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static Set<String> state(StatusMix mix) throws Exception {
    Sandbox.Builder b = Sandbox.builder().generate(100, 100).randomSeed(7).now(NOW);
    if (mix != null) {
      b.generateStatuses(mix);
    }
    try (Sandbox s = b.start()) {
      return SandboxState.versions(new ObjectMapper().readTree(s.stateJson()));
    }
  }

  private static Map<String, Long> counts(Set<String> lines) {
    return lines.stream()
        .collect(
            Collectors.groupingBy(l -> l.split("\\|")[5], TreeMap::new, Collectors.counting()));
  }

  private static Set<String> keys(Set<String> lines) {
    return lines.stream().map(SandboxState::key).collect(Collectors.toSet());
  }

  @Test
  void theDefaultMixIsWhatGenerateAlwaysMade() throws Exception {
    Set<String> plain = state(null);
    assertThat(state(StatusMix.parse("published=85,unlisted=8,archived=7"))).isEqualTo(plain);
    Map<String, Long> counts = counts(plain);
    assertThat(counts.keySet()).containsExactly("Archived", "Published", "Unlisted");
  }

  @Test
  void aMixMovesOnlyTheStatusesInTheirShares() throws Exception {
    Set<String> plain = state(null);
    Set<String> mixed = state(StatusMix.parse("published=90,unlisted=8,archived=2"));
    assertThat(mixed).hasSize(10_000);
    // The same versions (names, order, revisions aside from status): only statuses move.
    assertThat(keys(mixed)).isEqualTo(keys(plain));
    Map<String, Long> counts = counts(mixed);
    assertThat(counts.keySet()).containsExactly("Archived", "Published", "Unlisted");
    // 10,000 draws: each share within 1.5 percentage points (more than 4 standard deviations).
    assertThat(counts.get("Published")).isBetween(8_850L, 9_150L);
    assertThat(counts.get("Unlisted")).isBetween(650L, 950L);
    assertThat(counts.get("Archived")).isBetween(50L, 350L);
    // One draw per version, thresholds moved up: what was Published stays Published, and what
    // was Archived is never Published now.
    Set<String> wasPublished =
        plain.stream().filter(l -> l.contains("|Published|")).collect(Collectors.toSet());
    assertThat(mixed).containsAll(wasPublished);
    Set<String> wasArchived =
        plain.stream()
            .filter(l -> l.contains("|Archived|"))
            .map(SandboxState::key)
            .collect(Collectors.toSet());
    assertThat(mixed)
        .filteredOn(l -> wasArchived.contains(SandboxState.key(l)))
        .noneMatch(l -> l.contains("|Published|"));
  }

  @Test
  void everyStatusCanBeGeneratedAndOneStatusCanTakeAll() throws Exception {
    assertThat(counts(state(StatusMix.parse("published=100"))))
        .containsExactly(Map.entry("Published", 10_000L));
    Map<String, Long> all =
        counts(
            state(
                StatusMix.parse(
                    "Published=60, unlisted=10,archived=10,unfinished=10,disposed=10")));
    assertThat(all.keySet())
        .containsExactlyInAnyOrder("Published", "Unlisted", "Archived", "Unfinished", "Disposed");
    assertThat(all.get("Disposed")).isBetween(850L, 1_150L);
  }

  @Test
  void badMixesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> StatusMix.parse("published=90,unlisted=8"))
        .hasMessageContaining("add up to 98, not 100");
    assertThatThrownBy(() -> StatusMix.parse("published=90,deleted=10"))
        .hasMessageContaining("unknown status 'deleted'");
    assertThatThrownBy(() -> StatusMix.parse("published=50,published=50"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> StatusMix.parse("published=101")).hasMessageContaining("0..100");
    assertThatThrownBy(() -> StatusMix.parse("published:100"))
        .hasMessageContaining("wants status=percent");
    assertThatThrownBy(() -> StatusMix.parse("published=-5,archived=105"))
        .hasMessageContaining("wants status=percent");
    assertThat(StatusMix.parse("published=99.5,archived=0.5").toString())
        .isEqualTo("published=99.5,archived=0.5");
  }
}
