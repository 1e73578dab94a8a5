package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.CallGuard.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's call log: off unless named, one line per record after the JVM's start, appended
 * at each flush.
 */
class SdkGatewayCallsTest {
  @TempDir Path dir;

  @Test
  void offUnlessAFileIsNamed() {
    assertThat(SdkGatewayCalls.of(null)).isNull();
    assertThat(SdkGatewayCalls.of(" ")).isNull();
  }

  @Test
  void oneLinePerRecordWithItsTimesInOrder() throws Exception {
    Path file = dir.resolve("calls.log");
    SdkGatewayCalls log = SdkGatewayCalls.of(file.toString());
    long start = SdkGatewayCalls.now();
    Thread.sleep(2);
    log.record(start, Operation.DeletePackageVersions, "ok", "http://127.0.0.1:1");
    log.record(start, Operation.ListPackages, "THROTTLED", "http://127.0.0.1:1");
    assertThat(file).doesNotExist(); // nothing written until a flush
    log.flush();
    log.record(start, "close", "ok", "aws");
    log.flush();
    log.flush(); // nothing new: nothing appended

    List<String> all = Files.readAllLines(file);
    assertThat(all).hasSize(4);
    // First, the JVM's start to the log's opening.
    String[] jvm = all.get(0).split(" ");
    assertThat(jvm[2]).isEqualTo("jvm");
    assertThat(Long.parseLong(jvm[0])).isLessThanOrEqualTo(Long.parseLong(jvm[1]));
    assertThat(Long.parseLong(jvm[1])).isLessThanOrEqualTo(start);
    List<String> lines = all.subList(1, 4);
    String[] first = lines.get(0).split(" ");
    assertThat(first).hasSize(5);
    assertThat(Long.parseLong(first[0])).isEqualTo(start);
    assertThat(Long.parseLong(first[1])).isGreaterThanOrEqualTo(start + 1_000); // microseconds
    assertThat(first[2]).isEqualTo("DeletePackageVersions");
    assertThat(first[3]).isEqualTo("ok");
    assertThat(lines.get(1)).contains(" ListPackages THROTTLED ");
    assertThat(lines.get(2)).endsWith(" close ok aws");
    // Epoch microseconds: within a minute of the wall clock.
    assertThat(Math.abs(start / 1_000 - System.currentTimeMillis())).isLessThan(60_000);
  }
}
