package dev.caprune.codeartifact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.Lazy;

/**
 * The shared config and credentials files, and the credentials, as the AWS CLI resolves them: an
 * explicit {@code --profile} beats environment keys ({@code AWS_ACCESS_KEY_ID}, ...), which beat
 * {@code AWS_PROFILE}, which beats the {@code default} profile. A named profile that neither file
 * holds is an error before any call, as in the AWS CLI. The files and variables come from the given
 * environment, so tests can point them at temporary files.
 */
final class AwsProfiles {
  private final Path config;
  private final Path credentials;
  private final String name;
  private final String source;
  private final Lazy<ProfileFile> file;
  private final String caBundleVariable;

  /** Whether AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE chose the files, for messages. */
  private final boolean configSet;

  private final boolean credentialsSet;

  private AwsProfiles(
      Map<String, String> env,
      Path config,
      Path credentials,
      String name,
      String source,
      String caBundleVariable) {
    this.configSet = set(env, "AWS_CONFIG_FILE");
    this.credentialsSet = set(env, "AWS_SHARED_CREDENTIALS_FILE");
    this.config = config;
    this.credentials = credentials;
    this.name = name;
    this.source = source;
    this.file = new Lazy<>(this::read);
    this.caBundleVariable = caBundleVariable;
  }

  /**
   * @param explicit the {@code --profile} value, or null
   * @param env the environment: {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE},
   *     {@code AWS_PROFILE}, {@code HOME}, {@code AWS_CA_BUNDLE}
   */
  static AwsProfiles resolve(String explicit, Map<String, String> env) {
    Path config = location(env, "AWS_CONFIG_FILE", "config");
    Path credentials = location(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
    String caBundle = env.get("AWS_CA_BUNDLE");
    if (explicit != null) {
      return new AwsProfiles(env, config, credentials, explicit, "--profile", caBundle);
    }
    String fromEnv = env.get("AWS_PROFILE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return new AwsProfiles(env, config, credentials, fromEnv, "AWS_PROFILE", caBundle);
    }
    return new AwsProfiles(env, config, credentials, null, null, caBundle);
  }

  private static boolean set(Map<String, String> env, String variable) {
    String v = env.get(variable);
    return v != null && !v.isBlank();
  }

  /** The profile the run uses for credentials and region: the named one, or {@code default}. */
  String profileName() {
    return name == null ? "default" : name;
  }

  /**
   * The certificates to trust instead of the JDK's, as in the AWS CLI: the file {@code
   * AWS_CA_BUNDLE} names, else the profile's {@code ca_bundle}, else none (null).
   */
  CaBundle caBundle() {
    if (caBundleVariable != null && !caBundleVariable.isBlank()) {
      return CaBundle.read(Path.of(caBundleVariable), "AWS_CA_BUNDLE");
    }
    return file.getValue()
        .profile(profileName())
        .flatMap(p -> p.property("ca_bundle"))
        .filter(v -> !v.isBlank())
        .map(v -> CaBundle.read(Path.of(v), "ca_bundle of profile '" + profileName() + "'"))
        .orElse(null);
  }

  /** Both files, read once when first needed; a file that does not exist counts as empty. */
  Supplier<ProfileFile> file() {
    return file::getValue;
  }

  /**
   * Throws CONFIGURATION unless the named profile (if any) is in one of the files. The {@code
   * default} profile may be absent: the other sources of credentials remain.
   */
  void requireNamedProfile() {
    if (name == null) {
      return;
    }
    if (file.getValue().profile(name).isEmpty()) {
      throw new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "profile '"
              + name
              + "' ("
              + source
              + ") does not exist: it is in neither "
              + describe(config, configSet, "AWS_CONFIG_FILE")
              + " nor "
              + describe(credentials, credentialsSet, "AWS_SHARED_CREDENTIALS_FILE"),
          null);
    }
  }

  /**
   * Why the named profile cannot give credentials, found in the files alone (no call, no process
   * run), or null: neither file holds it, it names no source of credentials, a key without its
   * secret, or a {@code source_profile} that neither file holds. Said without naming where the
   * profile was chosen: the caller says that.
   */
  String localProblem() {
    if (name == null) {
      return null;
    }
    java.util.Optional<software.amazon.awssdk.profiles.Profile> profile =
        file.getValue().profile(name);
    if (profile.isEmpty()) {
      return "no profile '"
          + name
          + "' in "
          + describe(config, configSet, "AWS_CONFIG_FILE")
          + " or "
          + describe(credentials, credentialsSet, "AWS_SHARED_CREDENTIALS_FILE");
    }
    Map<String, String> p = profile.get().properties();
    if (p.containsKey("aws_access_key_id") && !p.containsKey("aws_secret_access_key")) {
      return "profile '" + name + "' has aws_access_key_id but no aws_secret_access_key";
    }
    String source = p.get("source_profile");
    if (p.containsKey("role_arn")
        && source != null
        && !source.equals(name)
        && file.getValue().profile(source).isEmpty()) {
      return "profile '"
          + name
          + "' names source_profile '"
          + source
          + "', which neither file holds";
    }
    for (String key :
        List.of(
            "aws_access_key_id",
            "role_arn",
            "credential_process",
            "sso_session",
            "sso_start_url",
            "web_identity_token_file")) {
      if (p.containsKey(key)) {
        return null;
      }
    }
    return "profile '"
        + name
        + "' names no credentials (aws_access_key_id, role_arn, credential_process, sso_session,"
        + " sso_start_url or web_identity_token_file)";
  }

  /**
   * The credentials: with {@code --profile}, that profile's alone (static, session,
   * credential_process, assume-role, web identity, IAM Identity Center); otherwise the SDK's
   * default chain (system properties, environment keys, web identity, the profile, the container,
   * the instance), reading the profile from these files.
   */
  AwsCredentialsProvider credentials() {
    if ("--profile".equals(source)) {
      return ProfileCredentialsProvider.builder().profileFile(file()).profileName(name).build();
    }
    return DefaultCredentialsProvider.builder()
        .profileFile(file())
        .profileName(profileName())
        .build();
  }

  private ProfileFile read() {
    ProfileFile.Aggregator all = ProfileFile.aggregator();
    // Added first wins: the credentials file's values beat the config file's, as in the CLI.
    add(all, credentials, ProfileFile.Type.CREDENTIALS);
    add(all, config, ProfileFile.Type.CONFIGURATION);
    return all.build();
  }

  private static void add(ProfileFile.Aggregator all, Path path, ProfileFile.Type type) {
    if (!Files.isRegularFile(path)) {
      return;
    }
    try {
      all.addFile(ProfileFile.builder().content(path).type(type).build());
    } catch (SdkClientException | IllegalArgumentException | IllegalStateException e) {
      throw new GatewayException(
          GatewayException.Kind.CONFIGURATION,
          "cannot read the AWS "
              + type.name().toLowerCase(java.util.Locale.ROOT)
              + " file "
              + path
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** {@code ~/.aws/config}, {@code /x/config (AWS_CONFIG_FILE)}, {@code ... (no such file)}. */
  private static String describe(Path path, boolean fromVariable, String variable) {
    List<String> notes = new java.util.ArrayList<>();
    if (fromVariable) {
      notes.add(variable);
    }
    if (!Files.exists(path)) {
      notes.add("no such file");
    } else if (!Files.isRegularFile(path)) {
      notes.add("not a regular file: read as empty");
    }
    return path + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
  }

  /** Where a file is: the variable, with a leading {@code ~} expanded, or {@code ~/.aws/name}. */
  static Path location(Map<String, String> env, String variable, String name) {
    String set = env.get(variable);
    if (set != null && !set.isBlank()) {
      if (set.equals("~") || set.startsWith("~/") || set.startsWith("~\\")) {
        return Path.of(home(env) + set.substring(1));
      }
      return Path.of(set);
    }
    return Path.of(home(env), ".aws", name);
  }

  private static String home(Map<String, String> env) {
    for (String v : List.of("HOME", "USERPROFILE")) {
      String h = env.get(v);
      if (h != null && !h.isEmpty()) {
        return h;
      }
    }
    return System.getProperty("user.home");
  }
}
