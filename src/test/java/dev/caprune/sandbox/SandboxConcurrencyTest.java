package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.CodeartifactClient;
import software.amazon.awssdk.services.codeartifact.model.DeletePackageVersionsResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageFormat;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionErrorCode;
import software.amazon.awssdk.services.codeartifact.model.PackageVersionStatus;

/** Many clients deleting overlapping versions of one package at once. */
class SandboxConcurrencyTest {
  private static final int VERSIONS = 200;
  private static final int THREADS = 8;

  @Test
  void everyVersionIsDeletedExactlyOnce() throws Exception {
    StringBuilder versions = new StringBuilder();
    for (int i = 0; i < VERSIONS; i++) {
      // every 10th version is Unlisted: deleting with expectedStatus=Published must fail there
      versions
          .append(i == 0 ? "" : ",")
          .append("{\"version\": \"3.0.")
          .append(i)
          .append("\", \"status\": \"")
          .append(i % 10 == 0 ? "Unlisted" : "Published")
          .append("\"}");
    }
    String seed =
        "{\"domains\": [{\"name\": \"acme\", \"repositories\": [{\"name\": \"releases\","
            + " \"packages\": [{\"format\": \"npm\", \"name\": \"hot\", \"versions\": ["
            + versions
            + "]}]}]}]}";
    try (Sandbox sandbox = Sandbox.builder().seedJson(seed).start()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<DeletePackageVersionsResponse>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * 25;
        futures.add(
            pool.submit(
                () -> {
                  List<DeletePackageVersionsResponse> out = new ArrayList<>();
                  try (CodeartifactClient client = Fixtures.client(sandbox)) {
                    go.await();
                    // each thread walks all versions from its own offset, in batches of 50
                    for (int b = 0; b < VERSIONS; b += 50) {
                      List<String> batch = new ArrayList<>();
                      for (int i = b; i < b + 50; i++) {
                        batch.add("3.0." + (i + offset) % VERSIONS);
                      }
                      out.add(
                          client.deletePackageVersions(
                              r ->
                                  r.domain("acme")
                                      .repository("releases")
                                      .format(PackageFormat.NPM)
                                      .packageValue("hot")
                                      .versions(batch)
                                      .expectedStatus(PackageVersionStatus.PUBLISHED)));
                    }
                  }
                  return out;
                }));
      }
      go.countDown();
      Map<String, Integer> deleted = new HashMap<>();
      Map<String, Integer> mismatched = new HashMap<>();
      int notFound = 0;
      for (Future<List<DeletePackageVersionsResponse>> f : futures) {
        for (DeletePackageVersionsResponse r : f.get()) {
          r.successfulVersions().keySet().forEach(v -> deleted.merge(v, 1, Integer::sum));
          for (var e : r.failedVersions().entrySet()) {
            if (e.getValue().errorCode() == PackageVersionErrorCode.MISMATCHED_STATUS) {
              mismatched.merge(e.getKey(), 1, Integer::sum);
            } else {
              assertThat(e.getValue().errorCode()).isEqualTo(PackageVersionErrorCode.NOT_FOUND);
              notFound++;
            }
          }
        }
      }
      pool.shutdown();
      assertThat(deleted).hasSize(180).allSatisfy((v, n) -> assertThat(n).as(v).isEqualTo(1));
      assertThat(mismatched).hasSize(20).allSatisfy((v, n) -> assertThat(n).isEqualTo(THREADS));
      assertThat(notFound).isEqualTo(180 * (THREADS - 1));
      assertThat(sandbox.versionCount()).isEqualTo(20);
      assertThat(sandbox.calls("DeletePackageVersions")).isEqualTo(THREADS * 4L);
    }
  }
}
