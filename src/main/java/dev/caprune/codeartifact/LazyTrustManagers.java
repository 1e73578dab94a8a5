package dev.caprune.codeartifact;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * The JDK's default trust manager (cacerts, or {@code javax.net.ssl.trustStore}), loaded at the
 * first TLS handshake instead of when the HTTP client is built. The URL-connection client builds
 * its SSL context eagerly; reading the trust store is most of that, and a run against an {@code
 * http://} endpoint (the sandbox) never needs it.
 */
final class LazyTrustManagers implements TlsTrustManagersProvider {
  @Override
  public TrustManager[] trustManagers() {
    return new TrustManager[] {new Lazy()};
  }

  private static final class Lazy extends X509ExtendedTrustManager {
    private volatile X509ExtendedTrustManager delegate;

    private X509ExtendedTrustManager delegate() throws CertificateException {
      X509ExtendedTrustManager d = delegate;
      if (d == null) {
        synchronized (this) {
          d = delegate;
          if (d == null) {
            d = load();
            delegate = d;
          }
        }
      }
      return d;
    }

    /** What {@code SSLContext.init} does when given no trust managers. */
    private static X509ExtendedTrustManager load() throws CertificateException {
      try {
        TrustManagerFactory f =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        for (TrustManager tm : f.getTrustManagers()) {
          if (tm instanceof X509ExtendedTrustManager x) {
            return x;
          }
        }
        throw new CertificateException("no X.509 trust manager in the default trust store");
      } catch (GeneralSecurityException e) {
        throw e instanceof CertificateException c
            ? c
            : new CertificateException("cannot load the default trust store: " + e.getMessage(), e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      try {
        return delegate().getAcceptedIssuers();
      } catch (CertificateException e) {
        return new X509Certificate[0];
      }
    }
  }
}
