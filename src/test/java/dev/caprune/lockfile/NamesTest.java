package dev.caprune.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://github.com/apple/swift-nio.git, apple, swift-nio",
    "https://github.com/apple/swift-nio, apple, swift-nio",
    "https://github.com/apple/swift-nio/, apple, swift-nio",
    "https://github.com/apple/swift-nio.GIT, apple, swift-nio",
    "git@github.com:apple/swift-nio.git, apple, swift-nio",
    "ssh://git@github.com/apple/swift-nio.git, apple, swift-nio",
    "https://user@gitlab.example.com/group/sub/lib.git, sub, lib",
    "https://github.com:443/apple/swift-nio.git?ref=x, apple, swift-nio",
  })
  void swiftUrlsAreScopeAndName(String url, String scope, String name) {
    assertThat(Names.swiftFromUrl(url, "1.0.0"))
        .isEqualTo(new Pin(Format.SWIFT, scope, name, "1.0.0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"https://github.com/swift-nio", "swift-nio", "https://github.com/", "''"})
  void swiftUrlsWithoutTwoSegmentsPinNothing(String url) {
    assertThat(Names.swiftFromUrl(url, "1.0.0")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "@acme/util, acme, util",
    "util, -, util",
    "@types/node, types, node",
  })
  void npmScopesAreNamespaces(String full, String ns, String name) {
    assertThat(Names.npm(full, "1.0.0"))
        .isEqualTo(new Pin(Format.NPM, ns.equals("-") ? null : ns, name, "1.0.0"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"@acme", "@/util", "@acme/", "a/b"})
  void notNpmNames(String full) {
    assertThat(Names.npm(full, "1.0.0")).isNull();
  }
}
