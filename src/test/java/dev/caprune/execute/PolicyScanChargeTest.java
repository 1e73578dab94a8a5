package dev.caprune.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.select.Action;
import dev.caprune.select.Criteria;
import dev.caprune.select.Format;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.Policy;
import dev.caprune.select.RepositoryRef;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** A policy's listing is charged page by page while it is made, not once it is whole. */
class PolicyScanChargeTest {
  private static final int PAGE = 1_000;
  private static final int PAGES = 3;

  @Test
  void eachPageIsChargedBeforeTheNextIsAskedFor() {
    Memory memory = new Memory(Long.MAX_VALUE / 4, new Stop());
    List<Long> chargedBeforePage = new ArrayList<>();
    PackageId pkg = new PackageId(Format.NPM, null, "big");
    CodeArtifactGateway gateway =
        (CodeArtifactGateway)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CodeArtifactGateway.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "listPackages" -> {
                      @SuppressWarnings("unchecked")
                      Consumer<PackageId> sink = (Consumer<PackageId>) args[2];
                      sink.accept(pkg);
                      return null;
                    }
                    case "listVersions" -> {
                      IntConsumer pages = args.length > 3 ? (IntConsumer) args[3] : n -> {};
                      List<VersionSummary> versions = new ArrayList<>();
                      for (int p = 0; p < PAGES; p++) {
                        chargedBeforePage.add(memory.stats().peakBytes());
                        for (int v = 0; v < PAGE; v++) {
                          versions.add(
                              new VersionSummary(
                                  "1." + p + "." + v,
                                  "r",
                                  VersionStatus.PUBLISHED,
                                  Origin.INTERNAL));
                        }
                        pages.accept(PAGE);
                      }
                      return new VersionListing("1.2.999", versions);
                    }
                    case "close" -> {
                      return null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  }
                });
    Policy policy =
        new Policy(
            List.of(
                new Policy.Rule(
                    "trim",
                    Action.DELETE,
                    new Criteria.Builder().protectLatest(false).keepLatest(2).build(),
                    List.of())));
    List<Integer> selected = new ArrayList<>();

    new PolicyScan(gateway, new Workers(2, new Stop(), memory), new Progress(), policy)
        .select(
            List.of(new RepositoryRef("acme", null, "releases")),
            (order, sel, action, rule) -> selected.add(sel.selected().size()),
            null);

    long page = PAGE * Memory.BYTES_PER_VERSION;
    assertThat(chargedBeforePage).containsExactly(0L, page, 2 * page);
    assertThat(memory.stats().largestPackage()).isEqualTo(PAGE * PAGES);
    assertThat(selected).containsExactly(PAGE * PAGES - 2);
  }
}
