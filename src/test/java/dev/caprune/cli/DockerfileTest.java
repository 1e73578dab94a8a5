package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The image's recipe against the files it names, without a container runtime: the tarball the
 * Dockerfile adds is the one the assembly makes, with the paths its RUN line uses; the build
 * context lets that tarball through; the user and the archive's place are as documented. Building
 * and running the image is packaging/image.sh's job (docs/container.md), not the build's.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("packaging/Dockerfile");

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  @Test
  void addsTheTarballTheAssemblyMakes() throws IOException {
    String docker = Files.readString(DOCKERFILE);
    String pom = read("pom.xml");
    String dist = read("packaging/assembly/dist.xml");
    assertThat(docker).contains("ADD target/caprune-${VERSION}.tar.gz /opt/");
    assertThat(pom).contains("<finalName>caprune-${project.version}</finalName>");
    assertThat(dist)
        .contains("<format>tar.gz</format>")
        .contains("<baseDirectory>caprune-${project.version}</baseDirectory>");
    // The tarball unpacks to /opt/caprune-VERSION, with the launcher and the jar where the
    // RUN line and the launcher look for them.
    assertThat(docker).contains("ln -s /opt/caprune-${VERSION} /opt/caprune");
    assertThat(dist)
        .containsPattern("launcher/caprune</source>\\s*<outputDirectory>bin</outputDirectory>")
        .containsPattern("caprune.jar</source>\\s*<outputDirectory>lib</outputDirectory>");
    assertThat(read("packaging/Dockerfile.dockerignore")).contains("!target/caprune-*.tar.gz");
  }

  @Test
  void bakesTheArchiveWhereTheLauncherLooksAndRunsUnprivileged() throws IOException {
    String docker = Files.readString(DOCKERFILE);
    assertThat(docker)
        .contains("CAPRUNE_CACHE_DIR=/opt/caprune/cds")
        .contains("mkdir -p /opt/caprune/cds")
        .contains("caprune --prepare")
        .contains("ls /opt/caprune/cds/*.jsa /opt/caprune/cds/*.jsa.id")
        .contains("USER 10001:10001")
        .contains("ENTRYPOINT [\"caprune\"]");
    assertThat(read("packaging/bin/caprune")).contains("cache=${CAPRUNE_CACHE_DIR:-");
  }

  @Test
  void theBaseIsABuildArgumentAndTheUserIsMadeTheDebianWay() throws IOException {
    String docker = Files.readString(DOCKERFILE);
    assertThat(docker).containsPattern("(?m)^ARG BASE=\\S+\\R+FROM \\$\\{BASE}$");
    // One RUN line for the default base and for image.sh's Debian one: shadow's tools, not
    // busybox's adduser/addgroup.
    assertThat(docker)
        .contains("groupadd --system --gid 10001")
        .contains("useradd --system --uid 10001")
        .doesNotContainPattern("(?m)^[^#]*\\b(adduser|addgroup)\\b");
    assertThat(read("packaging/image.sh")).contains("--build-arg \"BASE=$base\"");
  }
}
