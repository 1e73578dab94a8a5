package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caprune.cli.BuildTools;
import dev.caprune.run.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as a user gets it: unpacked to a temporary folder and run through {@code
 * bin/caprune}, the launcher. Runs in {@code mvn verify}, after {@code pre-integration-test} has
 * built the tarball.
 */
class DistributionIT {
  static final String VERSION = System.getProperty("caprune.version", "0.1.0");
  static final Path TARGET = Path.of(System.getProperty("caprune.target", "target"));

  @TempDir static Path unpacked;
  static Path home;

  @BeforeAll
  static void unpack() throws IOException {
    home = install(unpacked);
  }

  /** Unpacks the tarball into {@code unpacked}, as a user would; returns the installation. */
  static Path install(Path unpacked) throws IOException {
    Path tarball = TARGET.resolve("caprune-" + VERSION + ".tar.gz");
    assertThat(tarball).exists();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path to = unpacked.resolve(e.getName()).normalize();
        assertThat(to.startsWith(unpacked)).as(e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(tar, to);
          Files.setPosixFilePermissions(to, permissions(e.getMode()));
        }
      }
    }
    return unpacked.resolve("caprune-" + VERSION);
  }

  @Test
  void layout() throws IOException {
    assertThat(home.resolve("bin/caprune")).isExecutable();
    assertThat(home.resolve("lib/caprune.jar")).isRegularFile();
    for (String f : List.of("caprune.bash", "_caprune", "caprune.fish")) {
      assertThat(home.resolve("completions/" + f))
          .hasSameTextualContentAs(Path.of("completions", f));
    }
    for (String f : List.of("README.md", "CHANGELOG.md", "LICENSE", "docs/startup.md")) {
      assertThat(home.resolve(f)).isRegularFile();
    }
    // One man page per command of the model.
    List<String> pages = new ArrayList<>();
    for (String c : commandNames()) {
      pages.add(c + ".1");
    }
    try (Stream<Path> man = Files.list(home.resolve("man/man1"))) {
      assertThat(man.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(pages);
    }
    assertThat(Files.readString(home.resolve("man/man1/caprune.1")))
        .contains(".TH \"CAPRUNE\" \"1\"");
    // Every page, as roff: every section, and the exit codes as a tbl(1) table.
    for (String page : pages) {
      String roff = Files.readString(home.resolve("man/man1/" + page));
      assertThat(roff)
          .as(page)
          .startsWith("'\\\" t")
          .contains(
              ".SH \"NAME\"",
              ".SH \"SYNOPSIS\"",
              ".SH \"OPTIONS\"",
              ".SH \"EXIT STATUS\"",
              ".SH \"ENVIRONMENT\"",
              ".SH \"FILES\"",
              ".SH \"EXAMPLES\"",
              ".SH \"SEE ALSO\"",
              ".TS\ntab(@);",
              "0@T{");
    }
    // The launcher is the source with only its version written in.
    assertThat(Files.readString(home.resolve("bin/caprune")))
        .isEqualTo(
            Files.readString(Path.of("packaging/bin/caprune"))
                .replace("'@project.version@'", "'" + VERSION + "'"));
  }

  @Test
  void zipHoldsTheSameFiles() throws IOException {
    List<String> tarNames = new ArrayList<>();
    try (Stream<Path> all = Files.walk(unpacked)) {
      all.filter(Files::isRegularFile)
          .forEach(p -> tarNames.add(unpacked.relativize(p).toString()));
    }
    try (ZipFile zip = new ZipFile(TARGET.resolve("caprune-" + VERSION + ".zip").toFile())) {
      List<String> zipNames =
          zip.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).toList();
      assertThat(zipNames).containsExactlyInAnyOrderElementsOf(tarNames);
    }
  }

  @Test
  void versionShowsCapruneCommitAndJava(@TempDir Path cache) throws Exception {
    Run r = caprune(Map.of("CAPRUNE_CACHE_DIR", cache.toString()), "--version");
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).startsWith("caprune " + VERSION + " (commit ").contains("\nJava ");
    assertThat(r.err).isEmpty();
    // Off a terminal the first run did not wait for the class-data archive: one training run
    // makes it in the background, for the next runs.
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    boolean made = false;
    while (!made && System.nanoTime() < until) {
      try (Stream<Path> files = Files.list(cache)) {
        made =
            files
                .map(p -> p.getFileName().toString())
                .anyMatch(
                    n ->
                        n.startsWith(VERSION + "-java-")
                            && (n.endsWith(".jsa.id") || n.endsWith(".aot.id")));
      }
      if (!made) {
        Thread.sleep(200);
      }
    }
    assertThat(made).as("the archive made in the background").isTrue();
    Run again = caprune(Map.of("CAPRUNE_CACHE_DIR", cache.toString()), "--version");
    assertEquals(r.out, again.out);
    assertThat(again.err).isEmpty();
  }

  /**
   * The first start of a version trains its class-data archive for a few seconds: on a terminal (a
   * pty from {@code script}) the launcher says so once, on stderr, never on stdout; the next start
   * says nothing. Without a terminal it says nothing at all (the other tests: stderr empty).
   */
  @Test
  void aFirstStartOnATerminalSaysOnceThatItPreparesAFasterStart(@TempDir Path dir)
      throws Exception {
    Path cache = dir.resolve("cache");
    String note = "caprune: preparing a faster start";
    for (int run = 0; run < 2; run++) {
      Path out = dir.resolve("out-" + run);
      String command = "'" + home.resolve("bin/caprune") + "' --version > '" + out + "'";
      ProcessBuilder pb =
          new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
      pb.environment().put("CAPRUNE_CACHE_DIR", cache.toString());
      pb.redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertEquals(0, p.exitValue(), screen);
      assertThat(Files.readString(out)).startsWith("caprune " + VERSION).doesNotContain(note);
      if (run == 0) {
        assertThat(screen).as("the first start").containsOnlyOnce(note);
      } else {
        assertThat(screen).as("the archive is made: no note").doesNotContain(note);
      }
    }
  }

  /** The user's JIT options win, even those our one-compiler-thread setting would clash with. */
  @Test
  void userJvmOptionsAreHonoured(@TempDir Path cache) throws Exception {
    for (String opts : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xmx64m")) {
      Run r =
          caprune(
              Map.of("CAPRUNE_CACHE_DIR", cache.toString(), "CAPRUNE_JAVA_OPTS", opts),
              "--version");
      assertEquals(0, r.code, opts + ": " + r);
      assertThat(r.out).startsWith("caprune " + VERSION);
    }
  }

  @Test
  void help() throws Exception {
    Run r = caprune(Map.of(), "--help");
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).contains("Usage: caprune", "completion");
  }

  @Test
  void usageErrorPassesExitCodeAndStreamsThrough() throws Exception {
    Run r = caprune(Map.of(), "--no-such-option");
    assertEquals(ExitCodes.USAGE, r.code, r.toString());
    assertThat(r.out).isEmpty();
    assertThat(r.err).startsWith("caprune: ");
  }

  @Test
  void completionForSourcing() throws Exception {
    Run r = caprune(Map.of(), "completion", "bash");
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).isEqualTo(Files.readString(Path.of("completions/caprune.bash")));
  }

  @Test
  void startsWithoutAWritableCache(@TempDir Path dir) throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    for (String cache : List.of(readOnly.resolve("caprune").toString(), readOnly.toString())) {
      Run r = caprune(Map.of("CAPRUNE_CACHE_DIR", cache), "--version");
      assertEquals(0, r.code, r.toString());
      assertThat(r.out).startsWith("caprune " + VERSION);
    }
    Run off = caprune(Map.of("CAPRUNE_CDS", "off"), "--version");
    assertEquals(0, off.code, off.toString());
  }

  @Test
  void clearMessageWithoutJava(@TempDir Path dir) throws Exception {
    ProcessBuilder pb = launcher("--version");
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", dir.toString());
    Run r = Run.of(pb);
    assertEquals(1, r.code, r.toString());
    assertThat(r.out).isEmpty();
    assertThat(r.err).contains("no Java found", "Java 17");
  }

  @Test
  void clearMessageWithOldJava(@TempDir Path jdk) throws Exception {
    Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho should not run >&2\nexit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
    Run r = caprune(Map.of("JAVA_HOME", jdk.toString()), "--version");
    assertEquals(1, r.code, r.toString());
    assertThat(r.err).contains("needs Java 17 or later", "11.0.22");
  }

  @Test
  void usesTheAotCacheOnJava25(@TempDir Path cache) throws Exception {
    Path jdk25 =
        Path.of(System.getProperty("caprune.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    assumeTrue(
        Files.isExecutable(jdk25.resolve("bin/java")), "no Java 25 at " + jdk25 + ": skipped");
    Map<String, String> env =
        Map.of("JAVA_HOME", jdk25.toString(), "CAPRUNE_CACHE_DIR", cache.toString());
    prepare(home, env);
    Run r = caprune(env, "--version");
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).contains("\nJava 25");
    assertThat(r.err).isEmpty();
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".aot"));
    }
    Run again = caprune(env, "--version");
    assertEquals(r.out, again.out);
    assertThat(again.err).isEmpty();
  }

  /** The Javas to start caprune with: the one running the tests, and Java 25 where installed. */
  static List<Map<String, String>> javas() {
    List<Map<String, String>> javas = new ArrayList<>();
    javas.add(Map.of("JAVA_HOME", System.getProperty("java.home")));
    Path jdk25 =
        Path.of(System.getProperty("caprune.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (Files.isExecutable(jdk25.resolve("bin/java"))) {
      javas.add(Map.of("JAVA_HOME", jdk25.toString()));
    }
    return javas;
  }

  /**
   * Where caprune's own main class was loaded from, as the JVM logs it: "shared objects file" when
   * it came from the class-data archive (static CDS or AOT cache), the jar's URL when the JVM ran
   * without the archive (it drops an archive made for another jar silently).
   */
  static String mainClassSource(Path install, Map<String, String> env, Path log) throws Exception {
    prepare(install, env);
    return firstRunSource(install, env, log);
  }

  /** {@code caprune --prepare}, as an install step runs it: the archive made, or found ready. */
  static void prepare(Path install, Map<String, String> env) throws Exception {
    Run r = Run.of(withEnv(launcher(install, "--prepare"), env));
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).isEmpty();
    assertThat(r.err).contains("caprune: the class-data archive is ready: ");
  }

  /** {@link #mainClassSource} of a run with no --prepare before it. */
  static String firstRunSource(Path install, Map<String, String> env, Path log) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("CAPRUNE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    Run r = Run.of(withEnv(launcher(install, "--version"), all));
    assertEquals(0, r.code, r.toString());
    assertThat(r.out).startsWith("caprune " + VERSION);
    assertThat(r.err).isEmpty();
    return Files.readAllLines(log).stream()
        .filter(l -> l.contains(" dev.caprune.cli.Caprune source: "))
        .map(l -> l.substring(l.indexOf(" source: ") + " source: ".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("dev.caprune.cli.Caprune not loaded: " + log));
  }

  /**
   * After an install and {@code caprune --prepare} (the .deb's postinst, a tarball's install step,
   * an image's build), the very first run starts from the archive. (Without it, a first run off a
   * terminal starts at once and the archive is made in the background: {@link
   * #versionShowsCapruneCommitAndJava}.)
   */
  @Test
  void afterPrepareTheFirstRunStartsFromTheArchive(@TempDir Path dir) throws Exception {
    Path install = install(Files.createDirectory(dir.resolve("install")));
    Map<String, String> env = new HashMap<>(javas().get(0));
    env.put("CAPRUNE_CACHE_DIR", dir.resolve("cache").toString());
    env.put("CAPRUNE_SYSTEM_CACHE_DIR", dir.resolve("none").toString());
    prepare(install, env);
    assertThat(firstRunSource(install, env, dir.resolve("first.log")))
        .isEqualTo("shared objects file");
  }

  /**
   * The .deb's way: the archive prepared in a system cache (postinst's {@code /var/cache/caprune})
   * is used by every user's first run, their own cache empty.
   */
  @Test
  void anArchivePreparedInTheSystemCacheServesEveryUser(@TempDir Path dir) throws Exception {
    Path install = install(Files.createDirectory(dir.resolve("install")));
    Path system = dir.resolve("system");
    Map<String, String> root = new HashMap<>(javas().get(0));
    root.put("CAPRUNE_CACHE_DIR", system.toString());
    prepare(install, root);
    Map<String, String> user = new HashMap<>(javas().get(0));
    user.put("CAPRUNE_CACHE_DIR", dir.resolve("user-cache").toString());
    user.put("CAPRUNE_SYSTEM_CACHE_DIR", system.toString());
    assertThat(firstRunSource(install, user, dir.resolve("user.log")))
        .isEqualTo("shared objects file");
    assertThat(dir.resolve("user-cache")).doesNotExist();
  }

  /**
   * The same tarball installed at two paths with one cache (an upgrade, a second install, a CI
   * cache): each starts from an archive made for its own jar, and neither evicts the other's. One
   * Java here (archives of two Javas share a cache in {@link #aStaleArchiveIsRebuiltNotIgnored}).
   */
  @Test
  void twoInstallsWithOneCacheBothStartFromTheirArchive(@TempDir Path dir) throws Exception {
    Path first = install(Files.createDirectory(dir.resolve("first")));
    Path second = install(Files.createDirectory(dir.resolve("second")));
    Path cache = dir.resolve("cache");
    for (Map<String, String> javaHome : javas().subList(0, 1)) {
      Map<String, String> env = new HashMap<>(javaHome);
      env.put("CAPRUNE_CACHE_DIR", cache.toString());
      int i = 0;
      for (Path install : List.of(first, second, first, second)) {
        Path log = dir.resolve("class-load-" + i++ + ".log");
        assertThat(mainClassSource(install, env, log))
            .as(install + " with " + javaHome)
            .isEqualTo("shared objects file");
      }
    }
    try (Stream<Path> files = Files.list(cache)) {
      // Two archives per Java, one per install, each with the jar it was made from beside it.
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".id")))
          .hasSize(2);
    }
  }

  /**
   * The archive's file name holds the jar's path, '/' as '_'; a path too long for a file name (over
   * 150 characters) gets a checksum instead, and so does one with a space, whose jar is run from a
   * copy beside its archive (Java 17 would map the archive and load every class from a jar at such
   * a path all the same). Each of these installs starts from its archive.
   */
  @Test
  void deepAndOddInstallPathsStillStartFromTheirArchive(@TempDir Path dir) throws Exception {
    Path deep =
        install(Files.createDirectories(dir.resolve("d".repeat(100)).resolve("e".repeat(100))));
    Path quoted = install(Files.createDirectories(dir.resolve("it's")));
    Path spaced = install(Files.createDirectories(dir.resolve("with space")));
    Path cache = dir.resolve("cache");
    Map<String, String> env = new HashMap<>(javas().get(0));
    env.put("CAPRUNE_CACHE_DIR", cache.toString());
    int i = 0;
    for (Path install : List.of(deep, quoted, spaced, deep, quoted, spaced)) {
      assertThat(mainClassSource(install, env, dir.resolve("class-load-" + i++ + ".log")))
          .as(install.toString())
          .isEqualTo("shared objects file");
    }
    try (Stream<Path> files = Files.list(cache)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names.stream().filter(n -> n.endsWith(".id"))).hasSize(3);
      assertThat(names).allMatch(n -> n.length() < 255 && !n.contains(" "));
      assertThat(names)
          .anyMatch(n -> n.endsWith("_it's_caprune-" + VERSION + "_lib_caprune.jar.jsa"));
      assertThat(names.stream().filter(n -> n.endsWith(".jar")))
          .as("the spaced jar's copy")
          .hasSize(1);
    }
  }

  /**
   * Another jar at the same path whose time is older than the archive (as unpacking an older build
   * keeps its files' times): the archive made for the previous jar is found stale and a new one is
   * made, rather than the JVM dropping it without a word.
   */
  @Test
  void aStaleArchiveIsRebuiltNotIgnored(@TempDir Path dir) throws Exception {
    Path install = install(Files.createDirectory(dir.resolve("install")));
    Path cache = dir.resolve("cache");
    for (Map<String, String> javaHome : javas()) {
      Map<String, String> env = new HashMap<>(javaHome);
      env.put("CAPRUNE_CACHE_DIR", cache.toString());
      assertThat(mainClassSource(install, env, dir.resolve("before.log")))
          .isEqualTo("shared objects file");
      Path jar = install.resolve("lib/caprune.jar");
      Files.setLastModifiedTime(
          jar,
          FileTime.fromMillis(
              Files.getLastModifiedTime(jar).toMillis() - TimeUnit.DAYS.toMillis(400)));
      assertThat(mainClassSource(install, env, dir.resolve("after.log")))
          .as("after the jar changed, with " + javaHome)
          .isEqualTo("shared objects file");
    }
  }

  /**
   * The whole path a user takes: the sandbox started by the launcher, then a {@code versions} call
   * to it. Needs the {@code sandbox} and {@code versions} commands.
   */
  @Test
  void versionsAgainstTheSandbox(@TempDir Path dir) throws Exception {
    assumeTrue(
        commandNames().contains("caprune-versions") && sandboxImplemented(),
        "the versions and sandbox commands are not in this build yet");
    Path data = dir.resolve("sandbox.json");
    Files.writeString(
        data,
        """
        {"domains": [{"name": "acme", "owner": "111122223333",
          "repositories": [{"name": "releases", "packages": [
            {"format": "npm", "namespace": "acme", "name": "ui-kit", "versions": [
              {"version": "1.0.0", "publishedTime": "2024-01-10T10:00:00Z", "revision": "r1"},
              {"version": "2.0.0", "publishedTime": "2024-06-01T10:00:00Z", "revision": "r2"}]}]}]}]}
        """);
    Process sandbox = launcher("sandbox", "--data", data.toString()).start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
      String url = lines.readLine();
      assertThat(url).as("first stdout line of caprune sandbox").matches("https?://\\S+");
      Run r =
          caprune(
              Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y"),
              "versions",
              "--endpoint-url",
              url.strip(),
              "--region",
              "us-east-1",
              "--domain",
              "acme",
              "--repository",
              "releases",
              "-o",
              "json");
      assertEquals(0, r.code, r.toString());
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out);
      assertThat(json.path("versions").isArray()).as(r.out).isTrue();
    } finally {
      sandbox.destroy();
      sandbox.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static boolean sandboxImplemented() throws Exception {
    Run help = caprune(Map.of(), "sandbox", "--help");
    return help.code == 0 && help.out.contains("--data");
  }

  /** caprune and one name per subcommand, as the man pages are named: caprune-sandbox... */
  private static List<String> commandNames() {
    return BuildTools.manPageNames();
  }

  static ProcessBuilder launcher(String... args) {
    return launcher(home, args);
  }

  static ProcessBuilder launcher(Path home, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/caprune").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // Keep the user's real cache out of it unless a test says otherwise.
    pb.environment().put("CAPRUNE_CACHE_DIR", unpacked.resolve("cache").toString());
    pb.environment()
        .put("CAPRUNE_SYSTEM_CACHE_DIR", unpacked.resolve("no-system-cache").toString());
    return pb;
  }

  static Run caprune(Map<String, String> env, String... args) throws Exception {
    return Run.of(withEnv(launcher(args), env));
  }

  private static ProcessBuilder withEnv(ProcessBuilder pb, Map<String, String> env) {
    pb.environment().putAll(env);
    return pb;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  /** A finished process: exit code and both streams. */
  record Run(int code, String out, String err) {
    static Run of(ProcessBuilder pb) throws Exception {
      pb.redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      p.getOutputStream().close();
      var err = new java.util.concurrent.CompletableFuture<String>();
      Thread t = new Thread(() -> err.complete(read(p.getErrorStream())));
      t.start();
      String out = read(p.getInputStream());
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("caprune finished in time").isTrue();
      return new Run(p.exitValue(), out, err.get());
    }

    private static String read(InputStream in) {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
