package dev.caprune.codeartifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates to trust instead of the JDK's, as the AWS CLI takes them: a PEM file named by
 * {@code AWS_CA_BUNDLE} or the profile's {@code ca_bundle} (a corporate proxy, a private endpoint,
 * the sandbox's {@code --tls}). Certificates are checked as always (the chain, validity, the host
 * name), only against these authorities alone.
 */
final class CaBundle {
  private final Path file;
  private final TrustManager[] trustManagers;

  private CaBundle(Path file, TrustManager[] trustManagers) {
    this.file = file;
    this.trustManagers = trustManagers;
  }

  /**
   * Reads {@code file}; one that cannot be read, or holds no certificate, is a CONFIGURATION
   * failure naming it and {@code source} (where it was named), before any call.
   */
  static CaBundle read(Path file, String source) {
    try {
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(file)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new GeneralSecurityException("no certificate in it");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return new CaBundle(file, tmf.getTrustManagers());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "the CA bundle " + file + " (" + source + ") does not exist",
          e);
    } catch (IOException | GeneralSecurityException e) {
      throw new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "cannot read the CA bundle "
              + file
              + " ("
              + source
              + "): "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }

  TrustManager[] trustManagers() {
    return trustManagers.clone();
  }

  /**
   * Makes this bundle the JVM's default for {@code HttpsURLConnection}: every such connection first
   * takes the default socket factory (the SDK then sets its own), and a default left to the JDK
   * would read its whole trust store once more for nothing (~40 ms of a short run). caprune makes
   * no other HTTPS connections than its AWS calls, which the bundle is for.
   */
  void makeDefault() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(), null);
      HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new GatewayException(
          GatewayException.Kind.CONFIGURATION, "cannot use the CA bundle " + file, e);
    }
  }
}
