package dev.caprune.codeartifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client whose requests can always be ended on time: by the SDK's attempt timeout, by an
 * interrupt, or all at once by {@link #abortAll()} (a stop that cannot wait).
 *
 * <p>The JDK's {@code HttpURLConnection} cannot be relied on for this: a thread blocked reading an
 * answer's body holds the stream's lock, and {@code disconnect()} waits for that lock, so an answer
 * that trickles one byte every 20 s keeps the call (and the timeout's abort) waiting 20 s per byte.
 * So each request runs, its body read in full, on a helper thread, while the calling thread waits
 * for the result, which an abort completes at once. An abandoned helper ends when its connection is
 * closed behind it. Reading the body in full also bounds it: CodeArtifact's JSON answers are small,
 * and one larger than {@value #MAX_BODY} bytes is refused.
 */
final class AbortableHttpClient implements SdkHttpClient {
  /** Far more than any CodeArtifact answer (a page of 1,000 versions is ~300 KB). */
  static final int MAX_BODY = 64 << 20;

  private static final ExecutorService IO =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "caprune-http");
            t.setDaemon(true);
            return t;
          });

  private final SdkHttpClient delegate;
  private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;

  AbortableHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** Ends every request in flight (their calls fail as network failures) and refuses new ones. */
  void abortAll() {
    aborted = true;
    for (Request r : inFlight) {
      r.abort();
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new Request(delegate.prepareRequest(request));
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  private final class Request implements ExecutableHttpRequest {
    private final ExecutableHttpRequest real;
    private final CompletableFuture<HttpExecuteResponse> result = new CompletableFuture<>();

    Request(ExecutableHttpRequest real) {
      this.real = real;
    }

    @Override
    public HttpExecuteResponse call() throws IOException {
      // Added before the check: abortAll() either sees this request or this sees its flag.
      inFlight.add(this);
      try {
        if (aborted) {
          throw new IOException("caprune is stopping: no new request");
        }
        IO.execute(this::run);
        try {
          return result.get();
        } catch (InterruptedException e) {
          // The SDK's timeout interrupts the caller; so may a stop. Either way: leave now.
          Thread.currentThread().interrupt();
          abortReal();
          throw new InterruptedIOException("the request was interrupted");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException(cause);
        }
      } finally {
        inFlight.remove(this);
      }
    }

    private void run() {
      try {
        result.complete(readFully(real.call()));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }

    @Override
    public void abort() {
      result.completeExceptionally(new IOException("the request was aborted"));
      abortReal();
    }

    /** {@code disconnect()} may wait for the helper's read to return: not on this thread. */
    private void abortReal() {
      IO.execute(real::abort);
    }
  }

  private static HttpExecuteResponse readFully(HttpExecuteResponse response) throws IOException {
    response = withReadableRetryAfter(response);
    Optional<AbortableInputStream> body = response.responseBody();
    if (body.isEmpty()) {
      return response;
    }
    byte[] bytes;
    try (AbortableInputStream in = body.get()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new IOException("the answer is larger than " + (MAX_BODY >> 20) + " MB");
    }
    return HttpExecuteResponse.builder()
        .response(response.httpResponse())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
        .build();
  }

  /**
   * A {@code Retry-After} the SDK cannot read as a whole number of seconds turns a 429 into
   * something else: a negative one makes its retry stage throw an IllegalArgumentException
   * ("suggestedDelay must not be negative"), and one that is not an int (a fraction, a word, a
   * number past 2^31, or the HTTP-date form the HTTP standard also allows) makes the error
   * unreadable, so the throttle would count as a server failure that neither slows the pace nor
   * leaves a write's outcome known. So the header is put in the SDK's form here: a date becomes the
   * seconds until it (0 if past), a number past an int becomes the largest int (caprune waits at
   * most {@code Guard}'s bound anyway), and anything else is dropped (the throttle is then handled
   * as one without a Retry-After).
   */
  static HttpExecuteResponse withReadableRetryAfter(HttpExecuteResponse response) {
    SdkHttpResponse http = response.httpResponse();
    String name = null;
    String value = null;
    for (var header : http.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Retry-After") && !header.getValue().isEmpty()) {
        name = header.getKey();
        value = header.getValue().get(0);
      }
    }
    if (name == null || isSeconds(value)) {
      return response;
    }
    SdkHttpResponse.Builder fixed = http.toBuilder().removeHeader(name);
    String seconds = seconds(value);
    if (seconds != null) {
      fixed.putHeader("Retry-After", seconds);
    }
    return HttpExecuteResponse.builder()
        .response(fixed.build())
        .responseBody(response.responseBody().orElse(null))
        .build();
  }

  private static boolean isSeconds(String value) {
    try {
      return Integer.parseInt(value) >= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code value} as whole seconds the SDK can read, or null if it says nothing usable. */
  private static String seconds(String value) {
    String v = value.strip();
    if (v.matches("[0-9]{1,100}")) {
      return isSeconds(v) ? v : Integer.toString(Integer.MAX_VALUE);
    }
    try {
      java.time.Instant at =
          java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      long s = java.time.Duration.between(java.time.Instant.now(), at).toSeconds();
      return Long.toString(Math.max(0, Math.min(Integer.MAX_VALUE, s)));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
