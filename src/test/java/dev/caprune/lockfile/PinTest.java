package dev.caprune.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.select.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinTest {

  private static String orNull(String s) {
    return s == null || s.equals("-") ? null : s;
  }

  @ParameterizedTest(name = "{0} {1}/{2}@{3} vs {4}/{5}@{6} -> {7}")
  @CsvSource({
    // PyPI: PEP 503 names, PEP 440 versions
    "pypi, -, Charset_Normalizer, 1.0, -, charset-normalizer, 1.0.0, true",
    "pypi, -, zope.interface, 6.0, -, Zope-Interface, 6.0, true",
    "pypi, -, requests, 2.31.0, -, requests, 2.31, true",
    "pypi, -, requests, 1.0, -, requests, 1.0.0.0, true",
    "pypi, -, requests, 1.0, -, requests, v1.0, true",
    "pypi, -, requests, 1.0rc1, -, requests, 1.0-RC1, true",
    "pypi, -, requests, 1.0, -, requests, 1.0.post1, false",
    "pypi, -, requests, 1.0, -, requests, 1.0+local, false",
    "pypi, -, requests, 1.0, -, requests, 1.0.1, false",
    "pypi, -, requests, 1.0, -, requestsx, 1.0, false",
    "pypi, -, weird, not-pep440, -, weird, not-pep440, true",
    "pypi, -, weird, not-pep440, -, weird, Not-Pep440, false",
    // NuGet: ids and versions without case, zero padding up to four parts
    "nuget, -, Newtonsoft.Json, 13.0, -, newtonsoft.json, 13.0.0, true",
    "nuget, -, Newtonsoft.Json, 13.0, -, NEWTONSOFT.JSON, 13.0.0.0, true",
    "nuget, -, Serilog, 1.0.0-Beta.1, -, serilog, 1.0.0-beta.1, true",
    "nuget, -, Serilog, 1.0.0, -, serilog, 1.0.1, false",
    "nuget, -, Serilog, 1.0.0+abc, -, serilog, 1.0.0, true",
    "nuget, -, Serilog, 1.0.0, -, serilog, 1.0.0-beta, false",
    // Maven, npm, Cargo, Ruby: exact
    "maven, com.acme, lib, 1.0, com.acme, lib, 1.0, true",
    "maven, com.acme, lib, 1.0, com.acme, lib, 1.0.0, false",
    "maven, com.acme, lib, 1.0, com.other, lib, 1.0, false",
    "maven, com.acme, lib, 1.0, com.acme, Lib, 1.0, false",
    "npm, acme, util, 1.0.0, acme, util, 1.0.0, true",
    "npm, acme, util, 1.0.0, -, util, 1.0.0, false",
    "npm, -, util, 1.0.0, -, util, v1.0.0, false",
    "npm, -, util, 1.0.0, -, Util, 1.0.0, false",
    "cargo, -, serde, 1.0.197, -, serde, 1.0.197, true",
    "cargo, -, serde, 1.0.197, -, serde, 1.0.197+build, false",
    "ruby, -, rack, 3.0.8, -, rack, 3.0.8, true",
    "ruby, -, rack, 3.0, -, rack, 3.0.0, false",
    "generic, acme, tool, 1.0, acme, tool, 1.0, true",
    "generic, acme, tool, 1.0, ACME, tool, 1.0, false",
    // Swift: registry identities ignore case
    "swift, apple, swift-nio, 2.40.0, Apple, Swift-NIO, 2.40.0, true",
    "swift, apple, swift-nio, 2.40.0, apple, swift-nio, 2.40.1, false",
    "swift, apple, swift-nio, 2.40.0, google, swift-nio, 2.40.0, false",
  })
  void matchesAsTheFormatDoes(
      String format,
      String ns,
      String name,
      String version,
      String otherNs,
      String otherName,
      String otherVersion,
      boolean expected) {
    Format f = Format.fromWire(format).orElseThrow();
    Pin pin = new Pin(f, orNull(ns), name, version);
    assertThat(pin.matches(f, orNull(otherNs), otherName, otherVersion)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} never matches as {1}")
  @CsvSource({"npm, pypi", "pypi, npm", "nuget, maven", "cargo, ruby"})
  void anotherFormatNeverMatches(String format, String other) {
    Pin pin = new Pin(Format.fromWire(format).orElseThrow(), null, "same", "1.0.0");
    assertThat(pin.matches(Format.fromWire(other).orElseThrow(), null, "same", "1.0.0")).isFalse();
    assertThat(pin.matches(pin.format(), null, "same", "1.0.0")).isTrue();
  }
}
