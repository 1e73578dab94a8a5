package dev.caprune.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A new self-signed certificate for the sandbox's HTTPS endpoint, made by the running JDK's own
 * {@code keytool} (the JDK has no public API to sign a certificate). Written to a directory: {@code
 * sandbox.p12} (key and certificate), {@code ca.pem} (the certificate, for {@code AWS_CA_BUNDLE})
 * and {@code truststore.p12} (the certificate alone, for {@code -Djavax.net.ssl.trustStore}), all
 * with the password {@value #PASSWORD}. Valid for 127.0.0.1, ::1 and localhost, for 30 days.
 */
public final class SelfSigned {
  /** The password of both key stores: they guard nothing but a test endpoint. */
  public static final String PASSWORD = "sandbox";

  private final Path dir;

  private SelfSigned(Path dir) {
    this.dir = dir;
  }

  /** Makes the certificate and the files in {@code dir} (created if missing). */
  public static SelfSigned create(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("sandbox.p12", "ca.pem", "truststore.p12")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    keytool(
        "-genkeypair",
        "-alias",
        "sandbox",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=caprune sandbox",
        "-ext",
        "SAN=ip:127.0.0.1,ip:0:0:0:0:0:0:0:1,dns:localhost",
        "-validity",
        "30",
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("sandbox.p12").toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "sandbox",
        "-keystore",
        dir.resolve("sandbox.p12").toString(),
        "-storepass",
        PASSWORD,
        "-file",
        dir.resolve("ca.pem").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "sandbox",
        "-file",
        dir.resolve("ca.pem").toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("truststore.p12").toString(),
        "-storepass",
        PASSWORD);
    return new SelfSigned(dir);
  }

  /** The certificate in PEM: what {@code AWS_CA_BUNDLE} names. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** A PKCS12 trust store holding the certificate: what {@code javax.net.ssl.trustStore} names. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** A server-side TLS context with the key. */
  SSLContext serverContext() throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("sandbox.p12"))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("sandbox TLS: " + e.getMessage(), e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("sandbox TLS: keytool did not finish");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("sandbox TLS: interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("sandbox TLS: keytool failed: " + output.strip());
    }
  }
}
