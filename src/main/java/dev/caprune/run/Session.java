package dev.caprune.run;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.codeartifact.GatewayFactory;
import dev.caprune.execute.Guard;
import dev.caprune.execute.Memory;
import dev.caprune.execute.Pacing;
import dev.caprune.execute.Progress;
import dev.caprune.execute.Sizes;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.execute.VersionScan;
import dev.caprune.execute.Workers;

/**
 * Everything one run that talks to CodeArtifact shares: the gateway behind caprune's guard (rate
 * limits, retries), the workers, progress counters and the stop flag that SIGINT/SIGTERM set.
 */
public final class Session implements AutoCloseable {
  public final Stop stop;
  public final Progress progress;
  public final AwsSettings settings;
  public final Guard guard;
  public final Workers workers;
  public final CodeArtifactGateway gateway;
  public final VersionScan scan;
  private final int concurrency;
  private Sizes sizes;
  private dev.caprune.execute.Dependents dependents;

  /** A session of its own: its own stop and counters (a read-only command). */
  public Session(GatewayFactory gateways, Connection connection) {
    this(gateways, connection, new Stop(), new Progress());
  }

  /**
   * @param stop set by the signals of the run that opens the session
   * @param progress counters shared with other sessions (a policy's targets, one display)
   */
  public Session(GatewayFactory gateways, Connection connection, Stop stop, Progress progress) {
    this(gateways, connection, stop, progress, null);
  }

  /**
   * @param pacing rate limiters shared with other sessions that spend the same quota ({@link
   *     #quotaHolder}), or null for limiters of its own
   */
  public Session(
      GatewayFactory gateways, Connection connection, Stop stop, Progress progress, Pacing pacing) {
    this(gateways, connection, stop, progress, pacing, null);
  }

  /**
   * @param pacing rate limiters shared with other sessions that spend the same quota ({@link
   *     #quotaHolder}), or null for limiters of its own
   * @param memory the run's memory budget, shared by the sessions of one run (the heap is the
   *     process's), or null for a budget of its own
   */
  public Session(
      GatewayFactory gateways,
      Connection connection,
      Stop stop,
      Progress progress,
      Pacing pacing,
      Memory memory) {
    this.progress = progress;
    this.stop = stop;
    this.settings = connection.settings();
    this.guard =
        new Guard(
            pacing != null ? pacing : new Pacing(connection.limits(), stop.pacer()),
            settings.maxAttempts(),
            Sleeper.REAL,
            stop);
    this.workers =
        new Workers(connection.concurrency(), stop, memory != null ? memory : Memory.ofHeap(stop));
    this.gateway = gateways.open(settings, guard);
    this.scan = new VersionScan(gateway, workers, progress);
    this.concurrency = connection.concurrency();
    // A forced stop ends the calls in flight at once: their outcome is unknown, and reported so.
    stop.onForce(gateway::abortCalls);
  }

  /**
   * Who spends which quota, as far as it is known before any call: CodeArtifact's quotas are per
   * account and Region. A role's ARN names its account; without a role, the same profile (or the
   * same default chain) gives the same credentials, so the same account. The Region and the
   * endpoint complete the key (another endpoint is another service). Connections with the same key
   * share one {@link Pacing}.
   */
  public static String quotaHolder(Connection connection) {
    AwsSettings s = connection.settings();
    String who =
        s.role() != null && s.role().account() != null
            ? "account " + s.role().account()
            : s.role() != null ? "role " + s.role().arn() : "profile " + s.profile();
    String endpoint = s.endpoint() == null ? null : s.endpoint().toString().replaceAll("/+$", "");
    return who + " | region " + s.region() + " | endpoint " + endpoint;
  }

  /**
   * Where a report says it was made: the domain, the owner's account (given, seen in the repository
   * listing, or learnt with one call; null if it cannot be learnt) and the region.
   */
  public dev.caprune.report.Where where(String domain, String domainOwner) {
    return where(domain, domainOwner, true);
  }

  /**
   * @param learn whether an account not yet known is worth a call (the document names it)
   */
  public dev.caprune.report.Where where(String domain, String domainOwner, boolean learn) {
    if (!learn) {
      return new dev.caprune.report.Where(domain, domainOwner, gateway.region());
    }
    String account;
    try {
      account = gateway.domainOwner(domain, domainOwner).orElse(domainOwner);
    } catch (RuntimeException e) {
      account = domainOwner; // not worth failing a report for: it is left out
    }
    return new dev.caprune.report.Where(domain, account, gateway.region());
  }

  /**
   * What remaining versions need ({@code --protect-dependencies}, {@code --protect-lockfile}): one
   * per session, so that each version's dependencies are listed once whatever asks again.
   */
  public synchronized dev.caprune.execute.Dependents dependents() {
    if (dependents == null) {
      dependents =
          new dev.caprune.execute.Dependents(
              new dev.caprune.codeartifact.Inventory(gateway), workers);
    }
    return dependents;
  }

  /** The run's size lookups ({@code --sizes}), on a pool of their own; closed with the session. */
  public synchronized Sizes sizes(double pricePerGbMonth) {
    if (sizes == null) {
      sizes = new Sizes(gateway, concurrency, stop, progress, pricePerGbMonth);
    }
    return sizes;
  }

  @Override
  public void close() {
    if (sizes != null) {
      sizes.close();
    }
    gateway.close();
    workers.close();
  }
}
