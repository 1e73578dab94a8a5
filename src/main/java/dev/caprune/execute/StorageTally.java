package dev.caprune.execute;

import dev.caprune.select.Action;
import dev.caprune.select.Asset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --sizes} on a run that writes (or would): the files of the versions acted on, each stored
 * file once, and the part the action frees. A {@link Ledger.Listener}, told of each package as it
 * finishes.
 */
final class StorageTally implements Ledger.Listener {
  private final Action runAction;
  private final boolean dryRun;
  private final double pricePerGbMonth;

  /** Each stored file once (a 128-bit digest of its identity) with its size: acted on, freed. */
  private final Map<UUID, Long> storedFiles = new ConcurrentHashMap<>();

  private final Map<UUID, Long> freedFiles = new ConcurrentHashMap<>();
  private final LongAdder versionsSized = new LongAdder();
  private final LongAdder versionsUnsized = new LongAdder();

  /**
   * @param runAction the run's action (an entry's own action overrides it)
   * @param dryRun count the selected versions (nothing is acted on)
   */
  StorageTally(Action runAction, boolean dryRun, double pricePerGbMonth) {
    this.runAction = runAction;
    this.dryRun = dryRun;
    this.pricePerGbMonth = pricePerGbMonth;
  }

  @Override
  public void finished(Ledger.Finished finished) {
    boolean frees = finished.action(runAction).frees();
    for (String v : finished.actedOn(dryRun)) {
      List<Asset> files = finished.files().get(v);
      if (files == null) {
        versionsUnsized.increment();
        continue;
      }
      versionsSized.increment();
      for (Asset a : files) {
        UUID id = UUID.nameUUIDFromBytes(a.identity().getBytes(StandardCharsets.UTF_8));
        long size = a.size() == null ? 0 : a.size();
        storedFiles.putIfAbsent(id, size);
        if (frees) {
          freedFiles.putIfAbsent(id, size);
        }
      }
    }
  }

  /** The storage counted so far. */
  Outcome.Storage storage() {
    return new Outcome.Storage(
        storedFiles.values().stream().mapToLong(Long::longValue).sum(),
        freedFiles.values().stream().mapToLong(Long::longValue).sum(),
        versionsSized.sum(),
        versionsUnsized.sum(),
        pricePerGbMonth);
  }
}
