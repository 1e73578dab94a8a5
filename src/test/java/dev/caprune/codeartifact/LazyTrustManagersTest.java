package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The deferred trust manager trusts exactly what the JDK's default one trusts. */
class LazyTrustManagersTest {
  @Test
  void trustsTheDefaultTrustStore() throws Exception {
    TrustManager[] lazy = new LazyTrustManagers().trustManagers();
    assertThat(lazy).hasSize(1).allMatch(tm -> tm instanceof X509ExtendedTrustManager);

    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    X509TrustManager reference = (X509TrustManager) f.getTrustManagers()[0];

    assertThat(((X509TrustManager) lazy[0]).getAcceptedIssuers())
        .isNotEmpty()
        .containsExactlyInAnyOrder(reference.getAcceptedIssuers());
  }
}
