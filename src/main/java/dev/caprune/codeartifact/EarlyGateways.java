package dev.caprune.codeartifact;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the SDK client before the command line is fully parsed, for the settings a run probably
 * uses: building it takes a good part of a short run, and the main thread has the command line to
 * parse meanwhile. {@link #open} uses the early client only if the parsed settings ask for the same
 * client (region, profile, endpoint, call timeout); otherwise, or if the early build failed, it
 * builds one the usual way, so a wrong guess costs time and nothing else. The early client is
 * handed out once.
 */
public final class EarlyGateways implements GatewayFactory {
  private final AwsSettings guess;
  private final Map<String, String> env;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean taken = new AtomicBoolean();
  private final CompletableFuture<Built> built = new CompletableFuture<>();
  private volatile boolean handedOut;

  /**
   * @param guess the settings to build for; its {@code maxAttempts} plays no part
   */
  public EarlyGateways(AwsSettings guess) {
    this(guess, System.getenv());
  }

  /**
   * @param env where the AWS variables are read ({@code AWS_CONFIG_FILE}, {@code AWS_PROFILE}, ...)
   */
  public EarlyGateways(AwsSettings guess, Map<String, String> env) {
    this.guess = Objects.requireNonNull(guess);
    this.env = Objects.requireNonNull(env);
  }

  /** Builds the early client; meant for another thread. Does nothing if already started. */
  public void build() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    AwsProfiles profiles;
    try {
      profiles = AwsProfiles.resolve(guess.profile(), env);
      profiles.requireNamedProfile();
    } catch (RuntimeException e) {
      built.completeExceptionally(e);
      return;
    }
    var http = SdkGateways.httpClient(guess.endpoint());
    try {
      built.complete(new Built(SdkGateways.build(guess, profiles, http), http));
    } catch (RuntimeException | Error e) {
      http.close();
      built.completeExceptionally(e);
    }
  }

  @Override
  public CodeArtifactGateway open(AwsSettings settings, CallGuard guard) {
    if (sameClient(settings) && taken.compareAndSet(false, true)) {
      build(); // if the other thread never got to it: here, now
      try {
        Built b = built.get();
        handedOut = true;
        return new SdkGateway(b.client(), b.http(), guard, settings);
      } catch (ExecutionException e) {
        // Build again below: its failure, if any, is the one to report.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (taken.compareAndSet(false, true)) {
      built.thenAccept(Built::close); // never used: close it when (if) it is built
    }
    return SdkGateways.open(settings, env, guard);
  }

  /** True once {@link #open} has handed out the early client. */
  boolean handedOut() {
    return handedOut;
  }

  /** True if {@code settings} ask for the client the guess builds. */
  boolean sameClient(AwsSettings settings) {
    return Objects.equals(guess.region(), settings.region())
        && Objects.equals(guess.profile(), settings.profile())
        && Objects.equals(guess.endpoint(), settings.endpoint())
        && Objects.equals(guess.callTimeout(), settings.callTimeout());
  }

  private record Built(
      software.amazon.awssdk.services.codeartifact.CodeartifactClient client,
      software.amazon.awssdk.http.SdkHttpClient http) {
    void close() {
      client.close();
      http.close();
    }
  }
}
