package dev.caprune.codeartifact;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials that arrive in bounded time. The SDK's call timeouts do not cover resolving
 * credentials: a {@code credential_process} that never exits, or an SSO or STS endpoint that never
 * answers, would hold the first call for ever. Each resolution runs on a helper thread and is given
 * up after {@code timeout}; credentials are then reused until a minute before they expire, so that
 * the calls after the first pay nothing.
 */
final class BoundedCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  /** The message start {@link SdkGateway#translate} recognizes. */
  static final String TIMED_OUT = "No AWS credentials within ";

  /** The message start {@link SdkGateway#translate} recognizes. */
  static final String UNTRUSTED =
      "the TLS certificate of the credentials endpoint (STS or IAM Identity Center) is not trusted";

  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(1);

  private final AwsCredentialsProvider delegate;
  private final Duration timeout;
  private volatile AwsCredentials cached;

  BoundedCredentials(AwsCredentialsProvider delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeout = timeout;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    AwsCredentials c = cached;
    if (c != null && fresh(c)) {
      return c;
    }
    synchronized (this) {
      c = cached;
      if (c != null && fresh(c)) {
        return c;
      }
      c = resolveBounded();
      cached = c;
      return c;
    }
  }

  private static boolean fresh(AwsCredentials c) {
    return c.expirationTime()
        .map(expiry -> Instant.now().plus(REFRESH_BEFORE_EXPIRY).isBefore(expiry))
        .orElse(true);
  }

  private AwsCredentials resolveBounded() {
    CompletableFuture<AwsCredentials> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(delegate.resolveCredentials());
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            },
            "caprune-credentials");
    t.setDaemon(true);
    t.start();
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      throw SdkClientException.create(
          TIMED_OUT
              + human(timeout)
              + " (--call-timeout): the profile's credential_process, SSO or role did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      t.interrupt();
      throw SdkClientException.create("interrupted while resolving AWS credentials", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (SdkGateway.untrustedCertificate(cause)) {
        // STS or IAM Identity Center: their clients trust the JDK's authorities, not the bundle.
        throw SdkClientException.create(
            UNTRUSTED
                + " ("
                + SdkGateway.rootMessage(cause)
                + "); those calls trust the JDK's authorities, not AWS_CA_BUNDLE: add the"
                + " authority's certificate to a trust store named with"
                + " -Djavax.net.ssl.trustStore in CAPRUNE_JAVA_OPTS",
            cause);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw SdkClientException.create("Unable to load credentials: " + cause, cause);
    }
  }

  /** The provider it bounds (for tests). */
  AwsCredentialsProvider delegate() {
    return delegate;
  }

  /** Closes the provider it bounds when that holds anything (an assumed role's STS client). */
  @Override
  public void close() {
    if (delegate instanceof SdkAutoCloseable c) {
      c.close();
    }
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
