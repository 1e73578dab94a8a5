package dev.caprune.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident pagination tokens. A token holds the sort key of the last item returned
 * and a digest of the request it belongs to, HMAC-signed with a key made at start-up: a forged,
 * garbled or foreign token is a ValidationException, and listing resumes after the last key, so
 * items deleted between pages shift nothing.
 */
final class PageTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key = new byte[32];

  PageTokens() {
    new SecureRandom().nextBytes(key);
  }

  /** One page of a listing, and the token for the next one (null on the last page). */
  record Page<T>(List<T> items, String nextToken) {}

  /**
   * The page of {@code items} (sorted ascending by {@code sortKey}, keys unique) that follows
   * {@code token}; {@code scope} names the request (operation and filters) the token is bound to.
   */
  <T> Page<T> page(
      List<T> items, Function<T, String> sortKey, String scope, String token, int max) {
    int from = 0;
    if (token != null) {
      String after = open(token, scope);
      int lo = 0;
      int hi = items.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sortKey.apply(items.get(mid)).compareTo(after) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    int to = Math.min(items.size(), from + max);
    List<T> page = from >= to ? Collections.emptyList() : new ArrayList<>(items.subList(from, to));
    String next = to < items.size() ? seal(scope, sortKey.apply(items.get(to - 1))) : null;
    return new Page<>(page, next);
  }

  String seal(String scope, String lastKey) {
    byte[] payload = (scopeDigest(scope) + "\n" + lastKey).getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /** The last key a token carries; ValidationException if it is not one this process issued. */
  String open(String token, String scope) {
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (dot <= 0 || !MessageDigest.isEqual(signature, mac(payload))) {
      throw invalid();
    }
    String text = new String(payload, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    if (nl < 0 || !text.substring(0, nl).equals(scopeDigest(scope))) {
      throw ApiException.validation(
          "The pagination token was issued for a different request; start the listing again.");
    }
    return text.substring(nl + 1);
  }

  private static ApiException invalid() {
    return ApiException.validation("Invalid pagination token.");
  }

  private static String scopeDigest(String scope) {
    return Store.hash(scope, 16);
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
