package dev.caprune.codeartifact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Endpoints in one canonical spelling, so that two spellings of one server compare equal: {@code
 * HTTP://Host/} and {@code http://host:80} are {@code http://host:80}.
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * The endpoint a target calls, canonical: its URL when it gives one (the region then changes
   * nothing: one URL is one server, whatever region the calls are signed for), else the region's
   * own CodeArtifact endpoint, else null (the default region, not known from the file alone).
   */
  public static String of(String endpointUrl, String region) {
    if (endpointUrl != null) {
      return canonical(endpointUrl);
    }
    return region == null ? null : regional(region);
  }

  /**
   * Scheme and host in lower case, the port made explicit (80, 443), the path without its trailing
   * slashes; a URL that does not parse is returned as given.
   */
  public static String canonical(String url) {
    try {
      URI u = new URI(url.strip()).normalize();
      if (u.getScheme() == null || u.getHost() == null) {
        return url;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if (port == -1) {
        port = scheme.equals("https") ? 443 : 80;
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    } catch (URISyntaxException e) {
      return url;
    }
  }

  /** AWS's CodeArtifact endpoint in {@code region}, canonical. */
  public static String regional(String region) {
    String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return "https://codeartifact." + region.toLowerCase(Locale.ROOT) + "." + suffix + ":443";
  }
}
