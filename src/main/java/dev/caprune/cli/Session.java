package dev.caprune.cli;

import dev.caprune.codeartifact.AwsSettings;
import dev.caprune.codeartifact.CodeArtifactGateway;
import dev.caprune.execute.Guard;
import dev.caprune.execute.Progress;
import dev.caprune.execute.Sleeper;
import dev.caprune.execute.Stop;
import dev.caprune.execute.VersionScan;
import dev.caprune.execute.Workers;

/**
 * Everything one run that talks to CodeArtifact shares: the gateway behind caprune's guard (rate
 * limits, retries), the workers, progress counters and the stop flag that SIGINT/SIGTERM set.
 */
final class Session implements AutoCloseable {
  final Stop stop;
  final Progress progress;
  final AwsSettings settings;
  final Guard guard;
  final Workers workers;
  final CodeArtifactGateway gateway;
  final VersionScan scan;
  private final int concurrency;
  private dev.caprune.execute.Sizes sizes;

  Session(CliContext context, AwsOptions aws) {
    this(context, aws, new Stop());
  }

  /**
   * @param stop set by the signals of the command that opens the session
   */
  Session(CliContext context, AwsOptions aws, Stop stop) {
    this(context, aws, aws.settings(), stop);
  }

  /**
   * A session with settings other than the options' own (a policy target's region, profile and
   * endpoint), and the options' rate limits and concurrency.
   */
  Session(CliContext context, AwsOptions aws, AwsSettings settings, Stop stop) {
    this(context, aws, settings, stop, new Progress());
  }

  /**
   * @param progress counters shared with other sessions (a policy's targets, one display)
   */
  Session(CliContext context, AwsOptions aws, AwsSettings settings, Stop stop, Progress progress) {
    this.progress = progress;
    this.stop = stop;
    this.settings = settings;
    this.guard = new Guard(aws.limits(), settings.maxAttempts(), Sleeper.REAL, stop);
    this.workers = new Workers(aws.concurrency(), stop);
    this.gateway = context.gateways().open(settings, guard);
    this.scan = new VersionScan(gateway, workers, progress);
    this.concurrency = aws.concurrency();
    // A forced stop ends the calls in flight at once: their outcome is unknown, and reported so.
    stop.onForce(gateway::abortCalls);
  }

  /** The run's size lookups ({@code --sizes}), on a pool of their own; closed with the session. */
  synchronized dev.caprune.execute.Sizes sizes(double pricePerGbMonth) {
    if (sizes == null) {
      sizes = new dev.caprune.execute.Sizes(gateway, concurrency, stop, progress, pricePerGbMonth);
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
