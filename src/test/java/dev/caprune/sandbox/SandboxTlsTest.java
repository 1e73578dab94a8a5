package dev.caprune.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox --tls}: HTTPS with a self-signed certificate, trusted only when asked to. */
class SandboxTlsTest {
  @TempDir Path dir;

  @Test
  void servesHttpsTrustedThroughTheWrittenTrustStoreOnly() throws Exception {
    SelfSigned cert = SelfSigned.create(dir);
    assertThat(Files.readString(cert.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
    try (Sandbox sandbox =
        Sandbox.builder().tls(cert).demo(Instant.parse("2025-07-01T00:00:00Z")).start()) {
      URI stats = sandbox.endpoint().resolve("/_sandbox/stats");
      assertThat(sandbox.endpoint().toString()).startsWith("https://127.0.0.1:");

      HttpsURLConnection trusted = (HttpsURLConnection) stats.toURL().openConnection();
      trusted.setSSLSocketFactory(trusting(cert.trustStore()).getSocketFactory());
      assertThat(trusted.getResponseCode()).isEqualTo(200);
      try (InputStream in = trusted.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("{");
      }

      // The JDK's own trust store does not know a self-signed certificate.
      HttpsURLConnection untrusted = (HttpsURLConnection) stats.toURL().openConnection();
      assertThatThrownBy(untrusted::getResponseCode).isInstanceOf(SSLHandshakeException.class);
    }
  }

  private static SSLContext trusting(Path trustStore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      ks.load(in, SelfSigned.PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
