package dev.caprune.lockfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure is one line that starts with the path as given. */
class LockfileErrorsTest {

  @TempDir Path tmp;

  private static String failure(Path file) {
    LockfileException e = catchThrowableOfType(LockfileException.class, () -> Lockfiles.read(file));
    assertThat(e).as("a LockfileException for " + file).isNotNull();
    String message = e.getMessage();
    assertThat(message).doesNotContain("\n", "\r").startsWith(file + ": ");
    return message.substring(file.toString().length() + 2);
  }

  private Path write(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void missingFile() {
    assertThat(failure(tmp.resolve("package-lock.json"))).isEqualTo("no such file");
  }

  @Test
  void unreadableFile() throws IOException {
    Path file = write("Cargo.lock", "version = 4\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(file), "root reads every file");
    assertThat(failure(file)).isEqualTo("permission denied");
  }

  @Test
  void aDirectory() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("yarn.lock"));
    assertThat(failure(dir)).isEqualTo("a directory, not a file");
  }

  @Test
  void largerThan64MiBIsRefusedUnread() throws IOException {
    Path file = tmp.resolve("package-lock.json");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(Lockfiles.MAX_BYTES + 1L); // sparse: nothing written
    }
    assertThat(failure(file)).startsWith("larger than 64 MiB");
  }

  @Test
  void exactly64MiBIsRead() throws IOException, LockfileException {
    Path file = tmp.resolve("requirements.txt");
    byte[] bytes = new byte[Lockfiles.MAX_BYTES];
    java.util.Arrays.fill(bytes, (byte) 'x');
    byte[] pin = "flask==3.0.2\n# ".getBytes(StandardCharsets.US_ASCII); // then one long comment
    System.arraycopy(pin, 0, bytes, 0, pin.length);
    Files.write(file, bytes);
    assertThat(Lockfiles.read(file).pins()).hasSize(1);
  }

  @Test
  void notUtf8() throws IOException {
    Path file = tmp.resolve("Gemfile.lock");
    Files.write(file, new byte[] {'G', 'E', 'M', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThat(failure(file)).isEqualTo("not UTF-8 text");
  }

  @Test
  void aByteOrderMarkIsDropped() throws IOException, LockfileException {
    Path file = write("requirements.txt", "\uFEFFflask==3.0.2\n");
    assertThat(Lockfiles.read(file).pins())
        .containsExactly(new Pin(dev.caprune.select.Format.PYPI, null, "flask", "3.0.2"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "package-lock.json | {\\n  \"lockfileVersion\": 3,\\n    \"packages\": {,\\n | not valid JSON at line 3,"
            + " column ",
        "packages.lock.json | {\"version\": 1, \"dependencies\": {}} trailing | not valid JSON at line 1,"
            + " column ",
        "Cargo.lock | version = 4\\n\\n[[package]]\\nname = \"x\\nversion = \"1.0\"\\n | not valid TOML at"
            + " line 4, column ",
        "poetry.lock | [[package]]\\nname = \\n | not valid TOML at line 2, column ",
        "pnpm-lock.yaml | lockfileVersion: '9.0'\\npackages:\\n  a@1.0.0: {\\n  b: [\\n | not valid YAML at"
            + " line ",
      })
  void malformedSyntaxNamesThePosition(String name, String text, String expected)
      throws IOException {
    Path file = write(name, text.replace("\\n", "\n"));
    assertThat(failure(file)).startsWith(expected);
  }

  @Test
  void deepNestingIsRefusedNotOverflowed() throws IOException {
    Path file =
        write(
            "package-lock.json",
            "{\"lockfileVersion\": 1, \"dependencies\": "
                + "{\"a\": ".repeat(100_000)
                + "{}"
                + "}".repeat(100_001));
    assertThat(failure(file)).contains("nested more than 1000 levels deep");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "package-lock.json | {\"name\": \"x\"} | not a package-lock.json: no lockfileVersion",
        "packages.lock.json | {\"version\": 1} | not a packages.lock.json: no dependencies",
        "Package.resolved | {\"version\": 2} | not a Package.resolved: no pins",
        "yarn.lock | hello: world | not a yarn.lock: neither '# yarn lockfile v1' nor '__metadata:'",
        "pnpm-lock.yaml | packages: {} | not a pnpm-lock.yaml: no lockfileVersion",
        "pylock.toml | [[packages]]\\nname = \"a\" | not a pylock.toml: no lock-version",
        "Pipfile.lock | {\"_meta\": {}} | not a Pipfile.lock: no default or develop",
        "gradle.lockfile | com.acme:lib | not a gradle.lockfile: line 1 is not group:artifact:version",
        "Gemfile.lock | | not a Gemfile.lock: no GEM, PLATFORMS or DEPENDENCIES section",
        "app.cdx.json | {\"spdxVersion\": \"SPDX-2.3\"} | not a CycloneDX SBOM: no \"bomFormat\":"
            + " \"CycloneDX\"",
        "app.spdx.json | {\"bomFormat\": \"CycloneDX\"} | not an SPDX SBOM: no spdxVersion",
      })
  void namedKindsWithOtherContent(String name, String text, String expected) throws IOException {
    Path file = write(name, text == null ? "" : text.replace("\\n", "\n"));
    assertThat(failure(file)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "notes.txt | just some notes\\nnothing pinned here",
        "data.json | {\"hello\": \"world\"}",
        "list.json | [1, 2, 3]",
        "empty.lock | ''",
        "config.yaml | key: value",
      })
  void neitherNameNorContentIsAKind(String name, String text) throws IOException {
    Path file = write(name, text.replace("\\n", "\n"));
    assertThat(failure(file))
        .isEqualTo(
            "not a lockfile or SBOM caprune reads (" + String.join(", ", Lockfiles.KINDS) + ")")
        .contains("package-lock.json", "Gemfile.lock", "CycloneDX JSON", "SPDX JSON");
  }

  @Test
  void aPathWithANewlineStaysOneLine() throws IOException {
    Path file = write("evil\nname.json", "{\"x\": 1}");
    LockfileException e = catchThrowableOfType(LockfileException.class, () -> Lockfiles.read(file));
    assertThat(e.getMessage())
        .doesNotContain("\n")
        .contains("evil\\u000aname.json: not a lockfile");
  }

  @Test
  void echoedContentStaysOneLine() throws IOException {
    Path file =
        write("package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"a\u0085b\": tru}}");
    assertThat(failure(file)).startsWith("not valid JSON at line 1").doesNotContain("\u0085");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void hostileLongLinesAreReadInLinearTime() throws IOException, LockfileException {
    String name = "a".repeat(2_000_000);
    Path req = write("pins.txt", name + "@x\n" + name + "==1.0 @\n" + "-".repeat(1000) + "\n");
    assertThat(failure(req)).startsWith("not a lockfile or SBOM");
    Path named = write("requirements.txt", name + "@x\n" + name + "==1.0 @\n");
    assertThat(Lockfiles.read(named).pins()).isEmpty();
    Path swift =
        write(
            "Package.resolved",
            "{\"pins\": [{\"location\": \""
                + "@".repeat(2_000_000)
                + "\", \"state\": {\"version\": \"1.0.0\"}}]}");
    assertThat(Lockfiles.read(swift).pins()).isEmpty();
  }
}
