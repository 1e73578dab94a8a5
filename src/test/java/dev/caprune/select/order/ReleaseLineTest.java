package dev.caprune.select.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link VersionOrder#line}: each format's major and minor line, by its own rules. */
class ReleaseLineTest {

  static Stream<Arguments> lines() {
    return Stream.of(
        // format, version, major line, minor line (null: no line)
        Arguments.of(Format.NPM, "1.2.3", "1", "1.2"),
        Arguments.of(Format.NPM, "2.0.0-beta.1", "2", "2.0"),
        Arguments.of(Format.NPM, "10.20.30+build.5", "10", "10.20"),
        Arguments.of(Format.NPM, "1.2", null, null), // not SemVer: no line
        Arguments.of(Format.CARGO, "0.2.1", "0", "0.2"),
        Arguments.of(Format.SWIFT, "5.9.0", "5", "5.9"),
        Arguments.of(Format.NUGET, "1", "1", "1.0"),
        Arguments.of(Format.NUGET, "2.0.0-preview1", "2", "2.0"),
        Arguments.of(Format.NUGET, "01.02.3.4", "1", "1.2"),
        Arguments.of(Format.PYPI, "1.2.0rc1", "1", "1.2"),
        Arguments.of(Format.PYPI, "1.1.0.dev1", "1", "1.1"),
        Arguments.of(Format.PYPI, "3", "3", "3.0"),
        Arguments.of(Format.PYPI, "v1.4.post2", "1", "1.4"),
        Arguments.of(Format.PYPI, "1!2.3", "1!2", "1!2.3"),
        Arguments.of(Format.PYPI, "0!2.3", "2", "2.3"),
        Arguments.of(Format.PYPI, "not-a-version", null, null),
        Arguments.of(Format.MAVEN, "1.2.3", "1", "1.2"),
        Arguments.of(Format.MAVEN, "1.0", "1", "1.0"),
        Arguments.of(Format.MAVEN, "2.0.0-RC1", "2", "2.0"),
        Arguments.of(Format.MAVEN, "2.1.0-SNAPSHOT", "2", "2.1"),
        Arguments.of(Format.MAVEN, "2.1.0-20250101.120000-3", "2", "2.1"),
        Arguments.of(Format.MAVEN, "1.2rc1", "1", "1.2"),
        Arguments.of(Format.MAVEN, "release", null, null),
        Arguments.of(Format.MAVEN, "v1.2", null, null),
        Arguments.of(Format.RUBY, "1.0.1", "1", "1.0"),
        Arguments.of(Format.RUBY, "1.2.a", "1", "1.2"),
        Arguments.of(Format.RUBY, "3.1-beta", "3", "3.1"),
        Arguments.of(Format.GENERIC, "2.1.130", "2", "2.1"),
        Arguments.of(Format.GENERIC, "2024.01-build7", "2024", "2024.1"),
        Arguments.of(Format.GENERIC, "7", "7", "7.0"),
        Arguments.of(Format.GENERIC, "nightly-5", null, null));
  }

  @ParameterizedTest(name = "{0} {1}: major {2}, minor {3}")
  @MethodSource("lines")
  void eachFormatFindsItsLines(Format format, String version, String major, String minor) {
    VersionOrder order = VersionOrder.of(format);
    assertThat(order.line(version, 1)).isEqualTo(major);
    assertThat(order.line(version, 2)).isEqualTo(minor);
    assertThat(order.memoized().line(version, 2)).isEqualTo(minor);
  }
}
