package dev.caprune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb, read in pure Java (ar of tars); with dpkg-deb present, also unpacked and run. */
class DebPackageIT {
  static final Path DEB =
      DistributionIT.TARGET.resolve("caprune_" + DistributionIT.VERSION + "_all.deb");

  static final Map<String, TarArchiveEntry> data = new HashMap<>();
  static String control;
  static final Map<String, String> scripts = new HashMap<>();

  @BeforeAll
  static void read() throws IOException {
    assertThat(DEB).exists();
    try (ArArchiveInputStream ar = new ArArchiveInputStream(Files.newInputStream(DEB))) {
      for (ArArchiveEntry e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
        if (e.getName().equals("data.tar.gz")) {
          forEachEntry(ar, (entry, in) -> data.put(entry.getName(), entry));
        } else if (e.getName().equals("control.tar.gz")) {
          forEachEntry(
              ar,
              (entry, in) -> {
                String name = entry.getName().replaceFirst("^\\./", "");
                if (name.equals("control")) {
                  control = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } else if (List.of("postinst", "prerm", "postrm").contains(name)) {
                  scripts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
              });
        }
      }
    }
  }

  interface EntryVisitor {
    void visit(TarArchiveEntry e, InputStream in) throws IOException;
  }

  private static void forEachEntry(InputStream ar, EntryVisitor v) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(ar));
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      v.visit(e, tar);
    }
  }

  /**
   * The class-data archive is made at install (postinst runs {@code caprune --prepare} into the
   * system cache the launcher reads for every user) and removed with the package.
   */
  @Test
  void maintainerScriptsPrepareAndRemoveTheArchive() {
    assertThat(scripts).containsOnlyKeys("postinst", "prerm", "postrm");
    assertThat(scripts.get("postinst"))
        .contains("CAPRUNE_CACHE_DIR=/var/cache/caprune /usr/share/caprune/bin/caprune --prepare");
    assertThat(scripts.get("prerm")).contains("rm -rf /var/cache/caprune");
    assertThat(scripts.get("postrm")).contains("rm -rf /var/cache/caprune");
  }

  @Test
  void control() {
    assertThat(control)
        .contains("Package: caprune\n", "Architecture: all\n")
        .contains("Version: " + DistributionIT.VERSION)
        .containsPattern("Depends: .*java17-runtime-headless");
  }

  @Test
  void files() {
    assertThat(data.get("./usr/share/caprune/lib/caprune.jar")).isNotNull();
    assertThat(data.get("./usr/share/caprune/bin/caprune").getMode() & 0777).isEqualTo(0755);
    TarArchiveEntry link = data.get("./usr/bin/caprune");
    assertThat(link.isSymbolicLink()).isTrue();
    assertThat(link.getLinkName()).isEqualTo("../share/caprune/bin/caprune");
    assertThat(data)
        .containsKeys(
            "./usr/share/man/man1/caprune.1",
            "./usr/share/bash-completion/completions/caprune",
            "./usr/share/zsh/vendor-completions/_caprune",
            "./usr/share/fish/vendor_completions.d/caprune.fish",
            "./usr/share/doc/caprune/copyright");
  }

  @Test
  void dpkgUnpacksItAndTheLinkedLauncherRuns(@TempDir Path root) throws Exception {
    assumeTrue(onPath("dpkg-deb"), "dpkg-deb is not installed: only read in Java");
    DistributionIT.Run info =
        DistributionIT.Run.of(new ProcessBuilder("dpkg-deb", "--info", DEB.toString()));
    assertEquals(0, info.code(), info.toString());
    DistributionIT.Run x =
        DistributionIT.Run.of(
            new ProcessBuilder("dpkg-deb", "-x", DEB.toString(), root.toString()));
    assertEquals(0, x.code(), x.toString());
    ProcessBuilder pb = new ProcessBuilder(root.resolve("usr/bin/caprune").toString(), "--version");
    pb.environment().put("CAPRUNE_CACHE_DIR", root.resolve("cache").toString());
    DistributionIT.Run run = DistributionIT.Run.of(pb);
    assertEquals(0, run.code(), run.toString());
    assertThat(run.out()).startsWith("caprune " + DistributionIT.VERSION);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
