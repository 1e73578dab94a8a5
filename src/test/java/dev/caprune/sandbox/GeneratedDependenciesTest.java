package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Version;
import dev.caprune.testing.Fixtures;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.PackageDependency;

/** {@code --generate-dependencies}: realistic, deterministic, cheap dependency graphs. */
class GeneratedDependenciesTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The x.y.z a requirement names, by format. */
  private static final Map<String, Pattern> SYNTAX =
      Map.of(
          "npm", Pattern.compile("[\\^~](\\d+\\.\\d+\\.\\d+)"),
          "maven", Pattern.compile("(\\d+\\.\\d+\\.\\d+)|\\[(\\d+\\.\\d+\\.\\d+),(\\d+)\\)"),
          "pypi", Pattern.compile(">=(\\d+\\.\\d+\\.\\d+),<(\\d+)"),
          "nuget", Pattern.compile("\\[(\\d+\\.\\d+\\.\\d+), \\)"),
          "cargo", Pattern.compile("\\^(\\d+\\.\\d+\\.\\d+)"),
          "ruby", Pattern.compile("~> (\\d+\\.\\d+)"));

  private static final Map<String, Set<String>> TYPES =
      Map.of(
          "npm", Set.of("regular", "dev", "peer"),
          "maven", Set.of("compile", "runtime", "test"),
          "pypi", Set.of("Requires-Dist"));

  private static Sandbox.Builder generated(long seed, int dependencies) {
    return Sandbox.builder()
        .now(NOW)
        .randomSeed(seed)
        .generate(60, 15)
        .generateDependencies(dependencies);
  }

  private static JsonNode withoutDependencies(String state) throws Exception {
    JsonNode root = JSON.readTree(state);
    for (JsonNode p : root.at("/domains/0/repositories/0/packages")) {
      for (JsonNode v : p.get("versions")) {
        ((ObjectNode) v).remove("dependencies");
      }
    }
    return root;
  }

  @Test
  void theSameSeedGivesTheSameGraphAndTheRestOfTheDataIsUnchanged() throws Exception {
    try (Sandbox a = generated(42, 4).start();
        Sandbox b = generated(42, 4).start();
        Sandbox other = generated(43, 4).start();
        Sandbox none = generated(42, 0).start()) {
      String state = a.stateJson();
      assertThat(state).contains("\"dependencies\"");
      assertThat(b.stateJson()).isEqualTo(state);
      assertThat(other.stateJson()).isNotEqualTo(state);
      assertThat(none.stateJson()).doesNotContain("\"dependencies\"");
      assertThat(withoutDependencies(state)).isEqualTo(JSON.readTree(none.stateJson()));
    }
  }

  @Test
  void eachRequirementIsInItsFormatsSyntaxAndMetByAnEarlierReleaseOfAnEarlierPackage()
      throws Exception {
    try (Sandbox s = generated(7, 5).start()) {
      JsonNode packages = JSON.readTree(s.stateJson()).at("/domains/0/repositories/0/packages");
      // package name -> its node; generated names end in their index: dependencies point back.
      Map<String, JsonNode> byName = new HashMap<>();
      packages.forEach(p -> byName.put(p.get("name").asText(), p));
      int checked = 0;
      Map<String, Integer> perFormat = new HashMap<>();
      for (JsonNode p : packages) {
        String format = p.get("format").asText();
        for (JsonNode v : p.get("versions")) {
          if (!v.has("dependencies")) {
            continue;
          }
          assertThat(v.get("dependencies").size()).isBetween(1, 5);
          Instant published = Instant.parse(v.get("publishedTime").asText());
          for (JsonNode d : v.get("dependencies")) {
            JsonNode target = byName.get(d.get("package").asText());
            assertThat(target).as(d.toString()).isNotNull();
            assertThat(target.get("format").asText()).isEqualTo(format);
            assertThat(d.path("namespace").asText(null))
                .isEqualTo(target.path("namespace").asText(null));
            assertThat(index(target)).isLessThan(index(p));
            if (TYPES.containsKey(format)) {
              assertThat(TYPES.get(format)).contains(d.get("dependencyType").asText());
            } else {
              assertThat(d.has("dependencyType")).isFalse();
            }
            String requirement = d.get("versionRequirement").asText();
            Matcher m = SYNTAX.get(format).matcher(requirement);
            assertThat(m.matches()).as(format + " " + requirement).isTrue();
            String named = m.group(1) != null ? m.group(1) : m.group(2);
            // Some release of the target, published before this version, meets it.
            boolean met = false;
            for (JsonNode tv : target.get("versions")) {
              String version = tv.get("version").asText();
              if ((version.equals(named) || version.startsWith(named + "."))
                  && Instant.parse(tv.get("publishedTime").asText()).isBefore(published)) {
                met = true;
              }
            }
            assertThat(met).as(format + " " + requirement + " of " + d).isTrue();
            perFormat.merge(format, 1, Integer::sum);
            checked++;
          }
        }
      }
      assertThat(checked).isGreaterThan(300);
      assertThat(perFormat).containsKeys("npm", "maven", "pypi", "nuget");
    }
  }

  private static int index(JsonNode pkg) {
    Matcher m = Pattern.compile("(\\d+)$").matcher(pkg.get("name").asText());
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theSdkListsWhatTheStateHolds() throws Exception {
    try (Sandbox s = generated(42, 3).dependenciesPageSize(2).start();
        CodeartifactClient client = Fixtures.client(s)) {
      JsonNode packages = JSON.readTree(s.stateJson()).at("/domains/0/repositories/0/packages");
      int compared = 0;
      for (JsonNode p : packages) {
        JsonNode last = p.get("versions").get(p.get("versions").size() - 1);
        if (!last.has("dependencies") || compared >= 10) {
          continue;
        }
        List<PackageDependency> listed = new java.util.ArrayList<>();
        String token = null;
        do {
          String t = token;
          var page =
              client.listPackageVersionDependencies(
                  r ->
                      r.domain("caprune")
                          .repository("generated")
                          .format(p.get("format").asText())
                          .namespace(p.path("namespace").asText(null))
                          .packageValue(p.get("name").asText())
                          .packageVersion(last.get("version").asText())
                          .nextToken(t));
          listed.addAll(page.dependencies());
          token = page.nextToken();
        } while (token != null);
        assertThat(listed).hasSize(last.get("dependencies").size());
        for (int i = 0; i < listed.size(); i++) {
          JsonNode want = last.get("dependencies").get(i);
          assertThat(listed.get(i).packageValue()).isEqualTo(want.get("package").asText());
          assertThat(listed.get(i).versionRequirement())
              .isEqualTo(want.get("versionRequirement").asText());
        }
        compared++;
      }
      assertThat(compared).isEqualTo(10);
    }
  }

  @Test
  void versionsShareTheirListsSoALargeStoreStaysSmall() {
    Store store = new Store();
    Generator.generate(store, 300, 60, 42, NOW, 5);
    Set<List<Store.Dependency>> lists = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Object> requirements = Collections.newSetFromMap(new IdentityHashMap<>());
    int withDependencies = 0;
    int dependencies = 0;
    for (Pkg p : store.domains.get("caprune").repos.get("generated").packages.values()) {
      for (Version v : p.versions()) {
        if (!v.dependencies.isEmpty()) {
          withDependencies++;
          dependencies += v.dependencies.size();
          lists.add(v.dependencies);
          v.dependencies.forEach(d -> requirements.add(d.versionRequirement()));
        }
      }
    }
    assertThat(withDependencies).isGreaterThan(8_000);
    // Most versions reuse their predecessor's list; equal requirement strings are one object.
    assertThat(lists.size()).isLessThan(withDependencies / 2);
    assertThat(requirements.size()).isLessThan(dependencies / 10);
  }
}
