package dev.caprune.codeartifact;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Mac;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * caprune's one piece of start-up work at run time: per-process tables that every AWS call needs
 * and that take a cold JVM tens of milliseconds to fill, filled on a daemon thread while the main
 * thread does something else (parses the command line; builds the SDK client). It reads no
 * argument, builds no client and hands nothing over: the main thread later uses the same tables
 * through the same JDK and SDK calls, and whatever this thread did not finish, the main thread does
 * itself (a class being initialized here is waited for, never initialized twice). Measured, with
 * the class-data archive on a 2-core machine: the listing of one package -45 ms (8%) with {@link
 * #sdk}, over HTTPS a further -28 ms with {@link #tls}. Its tasks are classes, not lambdas: the
 * first lambda a thread meets links the JDK's method-handle machinery, ~16 ms of the main thread's
 * CPU in a short run. Both halves stay in this package: {@link #sdk} touches the SDK's types, and
 * {@link #tls} is started by {@link SdkGateways#open} half-way through opening a gateway, where
 * only this package knows whether the endpoint is HTTPS and whose trust is used.
 */
public final class Preload {
  private Preload() {}

  /**
   * Starts filling what every call needs: the SDK's metadata of every AWS service (the client
   * builder reads it for the signing region; ~300 classes to initialize, the largest single step of
   * a short run) and the JCA providers that sign requests. For a run of a command that calls AWS:
   * started by {@code startup.Startup}, which decides from the raw arguments; here because it
   * touches the SDK's types, which only this package imports.
   */
  public static void sdk() {
    start(
        "caprune-preload-sdk",
        new Task() {
          @Override
          void work() throws GeneralSecurityException {
            ServiceMetadata.of("codeartifact");
            MessageDigest.getInstance("SHA-256");
            Mac.getInstance("HmacSHA256");
          }
        });
  }

  /**
   * Starts filling what the first TLS handshake needs: the JDK's list of public certificate
   * authorities (its host-name check reads the whole {@code cacerts} once, whatever the trust), the
   * key-share generators, and, when the JDK's own trust is used ({@code jdkDefault}: no CA bundle),
   * the JDK's default socket factory, which every {@code HttpsURLConnection} takes as it is made
   * (the SDK then sets its own) and which reads the whole trust store.
   */
  static void tls(boolean jdkDefault) {
    start(
        "caprune-preload-tls",
        new Task() {
          @Override
          void work() throws GeneralSecurityException, ClassNotFoundException {
            if (jdkDefault) {
              HttpsURLConnection.getDefaultSSLSocketFactory();
            }
            Class.forName("sun.security.util.AnchorCertificates");
            KeyPairGenerator.getInstance("X25519").generateKeyPair();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            ec.generateKeyPair();
          }
        });
  }

  /** Work that may fail for any reason without consequence: it is only a head start. */
  private abstract static class Task implements Runnable {
    abstract void work() throws GeneralSecurityException, ClassNotFoundException;

    @Override
    public final void run() {
      try {
        work();
      } catch (GeneralSecurityException | ClassNotFoundException | RuntimeException e) {
        // The main thread meets the same failure, if it is one, where it is reported.
      } catch (LinkageError e) {
        // A JDK without the class: nothing to fill.
      }
    }
  }

  private static void start(String name, Task task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
