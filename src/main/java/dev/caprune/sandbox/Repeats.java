package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throttles in a row, per request: a request is the same request again when its operation, query
 * and body are the same (a client's retry; its signature and date may differ). A 429 for a request
 * whose last answer was a 429 is a repeat; any other answer ends its run. Only requests that were
 * throttled are held, so a run without throttles costs one map look-up per call.
 */
final class Repeats {
  private final Map<String, Integer> inARow = new ConcurrentHashMap<>();
  private final AtomicLong repeats = new AtomicLong();
  private final AtomicLong longest = new AtomicLong();

  /** The identity of a request: operation, query and a digest of the body. */
  static String identity(String operation, String query, byte[] body) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update((operation + "?" + query + "\n").getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      sha.update(body);
    }
    return Base64.getEncoder().encodeToString(sha.digest());
  }

  void throttled(String identity) {
    int n = inARow.merge(identity, 1, Integer::sum);
    if (n > 1) {
      repeats.incrementAndGet();
    }
    longest.accumulateAndGet(n, Math::max);
  }

  /** Any answer but a 429 (the identity is computed only when some request is held). */
  void answered(java.util.function.Supplier<String> identity) {
    if (!inARow.isEmpty()) {
      inARow.remove(identity.get());
    }
  }

  /** 429s answered to a request whose previous attempt had a 429 too. */
  long repeats() {
    return repeats.get();
  }

  /** The most 429s one request had in a row. */
  long longest() {
    return longest.get();
  }

  void reset() {
    inARow.clear();
    repeats.set(0);
    longest.set(0);
  }
}
