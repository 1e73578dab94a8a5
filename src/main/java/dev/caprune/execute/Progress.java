package dev.caprune.execute;

/** Counters a progress display reads; updated by the workers as they go. Thread-safe. */
public final class Progress {
  private final java.util.concurrent.atomic.LongAdder packagesScanned =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder versionsSelected =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder versionsDone =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder versionsFailed =
      new java.util.concurrent.atomic.LongAdder();
  private volatile long packagesTotal = -1;
  private final java.util.concurrent.atomic.LongAdder sizesWanted =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder sized =
      new java.util.concurrent.atomic.LongAdder();

  /** Versions whose files are to be listed ({@code --sizes}). */
  public void sizesWanted(long n) {
    sizesWanted.add(n);
  }

  /** One version's files listed (or given up on). */
  public void oneSized() {
    sized.increment();
  }

  public long sizesWanted() {
    return sizesWanted.sum();
  }

  public long versionsSized() {
    return sized.sum();
  }

  /** Adds packages a listing found. */
  public synchronized void packagesFound(long n) {
    packagesTotal = Math.max(0, packagesTotal) + n;
  }

  /** One package scanned, with this many versions selected. */
  public void scanned(int selected) {
    packagesScanned.increment();
    versionsSelected.add(selected);
  }

  /** Versions one package's calls succeeded and failed for. */
  public void done(int succeeded, int failed) {
    versionsDone.add(succeeded);
    versionsFailed.add(failed);
  }

  /** Packages found so far, or -1 before the first listing. */
  public long packagesTotal() {
    return packagesTotal;
  }

  public long packagesScanned() {
    return packagesScanned.sum();
  }

  public long versionsSelected() {
    return versionsSelected.sum();
  }

  public long versionsDone() {
    return versionsDone.sum();
  }

  public long versionsFailed() {
    return versionsFailed.sum();
  }
}
