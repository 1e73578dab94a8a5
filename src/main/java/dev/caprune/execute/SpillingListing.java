package dev.caprune.execute;

import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.CodeArtifactGateway.VersionListing;
import dev.caprune.codeartifact.ListedVersions;
import dev.caprune.select.Origin;
import dev.caprune.select.PackageId;
import dev.caprune.select.VersionStatus;
import dev.caprune.select.VersionSummary;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One package's listing as its pages come: held in memory (as {@link ListedVersions}, charged to
 * the package's {@link Memory.Ticket} page by page) while it fits the budget; past the budget, when
 * the run allows it ({@link Memory#mayLeaveHeap}), written to a file of the {@link SpillDirectory},
 * the versions held so far first, and the package's charge given back but for its working set.
 * Entries repeated across pages are checked in memory as they come; once on disk, after the sort
 * ({@link OffHeapSelection}).
 */
final class SpillingListing implements CodeArtifactGateway.VersionPages {
  private final PackageId pkg;
  private final String what;
  private final Memory memory;
  private final Memory.Ticket ticket;
  private ListedVersions held;

  private VersionRecords.Writer file;
  private int written;

  /** The index of the first record: the listing's first version of a known status. */
  private int first = -1;

  /** Each entry's place in the listing once on disk: the records' indices. */
  private int position;

  /**
   * Versions of an unknown status: status as listed, and the place first listed (-1: in memory).
   */
  private Map<String, OffHeapSelection.Unknown> unknown;

  /** The earliest entry of an unknown status that contradicts the version's first, or null. */
  private OffHeapSelection.Conflict conflict;

  private String defaultDisplay;

  SpillingListing(PackageId pkg, String what, Memory memory, Memory.Ticket ticket) {
    this.pkg = pkg;
    this.what = what;
    this.memory = memory;
    this.ticket = ticket;
    this.held = new ListedVersions(what, this::charge);
  }

  @Override
  public void version(String version, String revision, String status, Origin origin) {
    if (file == null) {
      held.version(version, revision, status, origin);
      return;
    }
    int at = position++;
    Optional<VersionStatus> known = VersionStatus.parse(status);
    if (known.isEmpty()) {
      OffHeapSelection.Unknown seen =
          unknown.putIfAbsent(version, new OffHeapSelection.Unknown(status, at));
      if (seen != null && !seen.status().equals(status) && conflict == null) {
        conflict = new OffHeapSelection.Conflict(version, at); // the first is the earliest
      }
      return;
    }
    try {
      if (written++ == 0) {
        first = at;
      }
      file.write(at, new VersionSummary(version, revision, known.get(), origin));
    } catch (IOException e) {
      throw diskFailure(e);
    }
  }

  @Override
  public void pageEnd(String defaultDisplayVersion, int count) {
    if (file == null) {
      held.pageEnd(defaultDisplayVersion, count); // charges, or spills
      return;
    }
    if (defaultDisplay == null) {
      defaultDisplay = defaultDisplayVersion;
    }
    memory.checkStop();
  }

  /** A page held in memory: charged, unless it takes the package past the budget. */
  private void charge(int count) {
    if (memory.mayLeaveHeap()
        && ticket.charged() + count * Memory.BYTES_PER_VERSION > memory.budget()) {
      spill();
    } else {
      ticket.charge(count);
    }
  }

  private void spill() {
    try {
      file = new VersionRecords.Writer("listing");
      for (VersionSummary v : held.inOrder()) {
        if (written++ == 0) {
          first = position;
        }
        file.write(position++, v);
      }
    } catch (IOException e) {
      throw diskFailure(e);
    }
    unknown = new LinkedHashMap<>();
    held.unknown().forEach((v, status) -> unknown.put(v, new OffHeapSelection.Unknown(status, -1)));
    defaultDisplay = held.defaultDisplayVersion();
    held = null;
    ticket.release();
    ticket.charge(memory.runSize()); // the sort's working set
  }

  /** Whether the listing left the heap. */
  boolean spilled() {
    return file != null;
  }

  /** The listing held in memory (not {@link #spilled}). */
  VersionListing listing() {
    return held.listing();
  }

  /** The listing on disk ({@link #spilled}), its file closed; the caller deletes it. */
  OffHeapSelection.Spilled onDisk() {
    try {
      file.close();
    } catch (IOException e) {
      file.discard();
      throw diskFailure(e);
    }
    return new OffHeapSelection.Spilled(
        pkg, what, file, written, first, unknown, conflict, defaultDisplay);
  }

  /** Deletes the file, if any (a failed listing). */
  void discard() {
    if (file != null) {
      file.discard();
    }
  }

  private OffHeapFailure diskFailure(IOException e) {
    if (file != null) {
      file.discard();
    }
    return OffHeapSelection.diskFailure(pkg, e);
  }
}
