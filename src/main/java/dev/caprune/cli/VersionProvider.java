package dev.caprune.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** caprune's version and build commit (written by the build) plus the Java runtime. */
public final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "/dev/caprune/cli/build.properties";

  @Override
  public String[] getVersion() {
    Properties p = buildProperties();
    String commit = p.getProperty("commit", "unknown");
    return new String[] {
      "caprune " + p.getProperty("version", "unknown") + " (commit " + commit + ")",
      "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name", ""),
    };
  }

  static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Unreadable build info only degrades --version to "unknown".
    }
    return p;
  }

  public static String version() {
    return buildProperties().getProperty("version", "unknown");
  }
}
