package dev.caprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caprune.sandbox.Sandbox;
import dev.caprune.testing.CliResult;
import dev.caprune.testing.SandboxHarness;
import dev.caprune.testing.SandboxState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The deployment files under packaging/ (Kubernetes, GitHub Actions, CloudFormation), without a
 * cluster, a runner or an account: every file parses; every caprune command line in them is
 * accepted by caprune's own parser; the policies they embed pass {@code policy check} and, run as
 * the files run them against the demo sandbox, change exactly what their report says; the IAM
 * actions the template grants are exactly the list in packaging/aws/iam-actions.yaml, which is
 * itself exactly what the code calls. packaging/check-deploy.sh adds the schema validators.
 */
class DeployFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path K8S = Path.of("packaging/kubernetes");
  private static final Path GITHUB = Path.of("packaging/github");
  private static final Path TEMPLATE = Path.of("packaging/aws/caprune.yaml");
  private static final Path IAM_ACTIONS = Path.of("packaging/aws/iam-actions.yaml");
  private static final Set<String> STS_OPERATIONS = Set.of("AssumeRole", "GetCallerIdentity");

  @TempDir Path tmp;
  private SandboxHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new SandboxHarness(Sandbox.builder().demo(SandboxHarness.NOW).start());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  // ---- reading the files

  private static List<Path> deployFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(K8S, GITHUB, Path.of("packaging/aws"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> docs = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull()) {
          docs.add(d);
        }
      }
      return docs;
    }
  }

  private static JsonNode one(Path file) throws IOException {
    List<JsonNode> docs = documents(file);
    assertThat(docs).as(file.toString()).hasSize(1);
    return docs.get(0);
  }

  private static JsonNode k8s(String kind) throws IOException {
    for (Path f : deployFiles()) {
      if (f.startsWith(K8S)) {
        for (JsonNode d : documents(f)) {
          if (kind.equals(d.path("kind").asText())) {
            return d;
          }
        }
      }
    }
    throw new AssertionError("no " + kind + " under " + K8S);
  }

  private static Map<String, JsonNode> workflows() throws IOException {
    Map<String, JsonNode> w = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(GITHUB.resolve("workflows"))) {
      for (Path p : s.sorted().toList()) {
        w.put(p.getFileName().toString(), one(p));
      }
    }
    return w;
  }

  private static JsonNode container(JsonNode cronJob) {
    return cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
  }

  /** The ECS task's script, the template's one container command (sh -c). */
  private static String taskScript(JsonNode template) {
    JsonNode c = template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0");
    assertThat(c.path("EntryPoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
    return c.path("Command").get(0).asText();
  }

  // ---- a little shell: words, quotes, variables; caprune's command lines in a script

  private static final Set<String> OPERATORS = Set.of(">", ">>", "|", "&&", "||", ";", "<<", "<");

  static List<String> words(String script, Map<String, String> vars) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    String s = script.replace("\\\n", " ");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        w.append(s, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int end = s.indexOf('"', i + 1);
        w.append(expand(s.substring(i + 1, end), vars));
        i = end;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        if (c == '\n') {
          out.add(";");
        }
      } else if ("><|&;".indexOf(c) >= 0) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        int j = i;
        while (j + 1 < s.length() && "><|&".indexOf(s.charAt(j + 1)) >= 0) {
          j++;
        }
        out.add(s.substring(i, j + 1));
        i = j;
      } else if (c == '$') {
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(s);
        if (m.find(i) && m.start() == i) {
          w.append(vars.getOrDefault(m.group(1), "$" + m.group(1)));
          i = m.end() - 1;
        } else {
          w.append(c);
        }
        inWord = true;
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  private static String expand(String quoted, Map<String, String> vars) {
    Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(quoted);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Every {@code caprune ARGS} in a script: the words after it up to the next operator. */
  static List<List<String>> capruneLines(String script, Map<String, String> vars) {
    List<String> w = words(script, vars);
    List<List<String>> lines = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).equals("caprune")) {
        List<String> args = new ArrayList<>();
        int j = i + 1;
        while (j < w.size() && !OPERATORS.contains(w.get(j))) {
          args.add(w.get(j++));
        }
        lines.add(args);
        i = j;
      }
    }
    return lines;
  }

  /** caprune's own parser: options, arity and types as {@code caprune ARGS} would see them. */
  private String parsedCommand(List<String> args) {
    StringWriter sink = new StringWriter();
    CommandLine cmd =
        Caprune.commandLine(h.context(), new PrintWriter(sink), new PrintWriter(sink));
    ParseResult r;
    try {
      r = cmd.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("caprune " + String.join(" ", args) + ": " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    for (ParseResult p = r.subcommand(); p != null; p = p.subcommand()) {
      names.add(p.commandSpec().name());
    }
    return String.join(" ", names);
  }

  private CliResult run(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--endpoint-url");
    all.add(h.sandbox.endpoint().toString());
    return h.runRaw(all.toArray(String[]::new));
  }

  // ---- the tests

  @Test
  void everyFileParsesWithoutShortFormTags() throws IOException {
    List<Path> files = deployFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    Pattern tag =
        Pattern.compile("(?m)^[^#]*:\\s+!(Ref|Sub|GetAtt|If|Join|Select|Split|Equals)\\b");
    for (Path f : files) {
      assertThat(documents(f)).as(f.toString()).isNotEmpty();
      assertThat(tag.matcher(Files.readString(f)).find()).as(f + ": a short-form tag").isFalse();
    }
  }

  @Test
  void everyCapruneCommandLineIsAcceptedByCaprunesParser() throws IOException {
    List<String> cron = new ArrayList<>();
    container(k8s("CronJob")).path("args").forEach(a -> cron.add(a.asText()));
    assertThat(parsedCommand(cron)).isEqualTo("policy run");
    assertThat(cron).contains("--yes", "--max", "ndjson");

    JsonNode template = one(TEMPLATE);
    Map<String, String> taskEnv = new LinkedHashMap<>();
    for (JsonNode e :
        template.at("/Resources/TaskDefinition/Properties/ContainerDefinitions/0/Environment")) {
      taskEnv.put(e.path("Name").asText(), parameterDefault(template, e.path("Value")));
    }
    List<List<String>> task = capruneLines(taskScript(template), taskEnv);
    assertThat(task).hasSize(1);
    assertThat(parsedCommand(task.get(0))).isEqualTo("policy run");
    assertThat(task.get(0)).contains("/dev/stdin", "--yes", "--max", "5000", "ndjson");

    Map<String, Set<String>> byWorkflow = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> w : workflows().entrySet()) {
      Set<String> commands = new TreeSet<>();
      for (JsonNode job : w.getValue().path("jobs")) {
        for (JsonNode step : job.path("steps")) {
          for (List<String> line : capruneLines(step.path("run").asText(""), Map.of())) {
            commands.add(parsedCommand(line) + (line.contains("--dry-run") ? " --dry-run" : ""));
          }
        }
      }
      byWorkflow.put(w.getKey(), commands);
    }
    assertThat(byWorkflow)
        .containsEntry("caprune-nightly.yml", Set.of("policy run"))
        .containsEntry("caprune-review.yml", Set.of("policy check", "policy run --dry-run"))
        .containsEntry("caprune-plan-apply.yml", Set.of("policy run", "apply"));
  }

  @Test
  void theShellReaderFindsWhatAShellWould() {
    assertThat(
            capruneLines(
                "mkdir plans && caprune policy run \"$F\" --max '5 0' -o ndjson >> x.ndjson\n"
                    + "exec timeout 9 caprune apply p.json<<EOF\n",
                Map.of("F", "retention.yaml")))
        .containsExactly(
            List.of("policy", "run", "retention.yaml", "--max", "5 0", "-o", "ndjson"),
            List.of("apply", "p.json"));
  }

  @Test
  void aBadOptionInACommandLineWouldFail() {
    List<String> typo = List.of("policy", "run", "p.yaml", "--yes", "--maxx", "5000");
    List<String> notANumber = List.of("policy", "run", "p.yaml", "--max", "lots");
    for (List<String> args : List.of(typo, notANumber)) {
      assertThatThrownBy(() -> parsedCommand(args))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("caprune policy run");
    }
  }

  @Test
  void everyEmbeddedPolicyPassesPolicyCheck() throws IOException {
    Map<String, String> policies = new LinkedHashMap<>();
    policies.put(
        "configmap-policy.yaml", k8s("ConfigMap").path("data").path("policy.yaml").asText());
    policies.put("github-retention.yaml", Files.readString(GITHUB.resolve("retention.yaml")));
    policies.put("template-policy.json", one(TEMPLATE).at("/Parameters/Policy/Default").asText());
    for (Map.Entry<String, String> p : policies.entrySet()) {
      Path file = Files.writeString(tmp.resolve(p.getKey()), p.getValue());
      CliResult r = h.runRaw("policy", "check", file.toString());
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("valid:");
    }
  }

  @Test
  void theCronJobsRunChangesExactlyWhatItReportsAndCallsOnlyListedActions() throws Exception {
    Path policy =
        Files.writeString(
            tmp.resolve("policy.yaml"), k8s("ConfigMap").path("data").path("policy.yaml").asText());
    List<String> args = new ArrayList<>();
    container(k8s("CronJob")).path("args").forEach(a -> args.add(a.asText()));
    args.set(args.indexOf("/policy/policy.yaml"), policy.toString());
    assertReportIsTheChange(args, "policy run");
  }

  @Test
  void theEcsTasksRunChangesExactlyWhatItReportsAndCallsOnlyListedActions() throws Exception {
    JsonNode template = one(TEMPLATE);
    Path policy =
        Files.writeString(
            tmp.resolve("policy.json"), template.at("/Parameters/Policy/Default").asText());
    Map<String, String> env = Map.of("CAPRUNE_MAX", "5000", "CAPRUNE_TIMEOUT", "3600");
    List<String> args = new ArrayList<>(capruneLines(taskScript(template), env).get(0));
    args.set(args.indexOf("/dev/stdin"), policy.toString());
    assertReportIsTheChange(args, "policy run");
  }

  @Test
  void aPublishEventsRunCallsOnlyTheFunctionsListedActions() throws Exception {
    CliResult help = h.runRaw("policy", "run", "--help");
    assumeTrue(help.out().contains("--event"), "policy run --event is not in this build");
    Path policy =
        Files.writeString(
            tmp.resolve("policy.yaml"), k8s("ConfigMap").path("data").path("policy.yaml").asText());
    String event =
        """
        {"version": "0", "id": "0", "detail-type": "CodeArtifact Package Version State Change",
         "source": "aws.codeartifact", "account": "111122223333", "time": "2025-06-30T23:19:54Z",
         "region": "eu-west-1", "resources": [],
         "detail": {"domainName": "acme", "domainOwner": "111122223333",
           "repositoryName": "releases", "packageFormat": "npm", "packageNamespace": "acme",
           "packageName": "ui-kit", "packageVersion": "1.5.2", "packageVersionState": "Published",
           "operationType": "Created", "sequenceNumber": 1}}
        """;
    Path eventFile = Files.writeString(tmp.resolve("event.json"), event);
    assertReportIsTheChange(
        List.of(
            "policy",
            "run",
            policy.toString(),
            "--event",
            eventFile.toString(),
            "--yes",
            "-o",
            "ndjson"),
        "policy run --event",
        false);
    assertThat(h.calls("ListPackages")).isZero();
  }

  private void assertReportIsTheChange(List<String> args, String command) throws Exception {
    assertReportIsTheChange(args, command, true);
  }

  private void assertReportIsTheChange(List<String> args, String command, boolean mustDelete)
      throws Exception {
    Set<String> before = SandboxState.versions(h.state());
    CliResult r = run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Set<String> reported = new TreeSet<>();
    for (String line : r.out().lines().toList()) {
      JsonNode n = JSON.readTree(line);
      if (n.path("type").asText().equals("version")
          && n.path("result").asText().equals("succeeded")) {
        reported.add(
            String.join(
                "|",
                n.path("repository").asText(),
                n.path("format").asText(),
                n.path("namespace").asText(""),
                n.path("package").asText(),
                n.path("version").asText()));
      }
    }
    Set<String> after = SandboxState.versions(h.state());
    Set<String> gone = new TreeSet<>();
    before.stream().filter(v -> !after.contains(v)).map(SandboxState::key).forEach(gone::add);
    if (mustDelete) {
      assertThat(reported).as("the run deletes something in the demo data").isNotEmpty();
    }
    assertThat(gone).as(r.toString()).isEqualTo(reported);

    Set<String> allowed = new TreeSet<>();
    JsonNode c = one(IAM_ACTIONS).path("commands").path(command);
    c.path("required").forEach(a -> allowed.add(a.asText()));
    c.path("optional").forEach(a -> allowed.add(a.asText()));
    Set<String> called =
        h.sandbox.calls().entrySet().stream()
            .filter(e -> e.getValue() > 0 && !STS_OPERATIONS.contains(e.getKey()))
            .map(e -> "codeartifact:" + e.getKey())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(called).isNotEmpty();
    assertThat(allowed).containsAll(called);
  }

  @Test
  void theIamActionsListIsExactlyWhatTheCodeCalls() throws IOException {
    String gateway =
        Files.readString(Path.of("src/main/java/dev/caprune/codeartifact/SdkGateway.java"));
    Set<String> inCode = new TreeSet<>();
    Matcher m = Pattern.compile("\\bclient\\.([a-z][A-Za-z]+)\\(").matcher(gateway);
    while (m.find()) {
      String op = m.group(1);
      if (!op.equals("close") && !op.equals("serviceClientConfiguration")) {
        inCode.add("codeartifact:" + op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1));
      }
    }
    assertThat(inCode).contains("codeartifact:ListPackages", "codeartifact:DeletePackageVersions");
    Set<String> listed = new TreeSet<>();
    for (JsonNode command : one(IAM_ACTIONS).path("commands")) {
      command.path("required").forEach(a -> listed.add(a.asText()));
      command.path("optional").forEach(a -> listed.add(a.asText()));
      command.path("flags").forEach(f -> f.forEach(a -> listed.add(a.asText())));
    }
    assertThat(listed).isEqualTo(inCode);
    assertThat(Files.readString(Path.of("src/main/java/dev/caprune/codeartifact/AssumedRole.java")))
        .doesNotContain("GetServiceBearerToken")
        .doesNotContain("getServiceBearerToken");
  }

  @Test
  void theTemplateGrantsExactlyTheListedActionsAndAssumesOnlyTheNamedRoles() throws IOException {
    JsonNode template = one(TEMPLATE);
    JsonNode resources = template.path("Resources");
    JsonNode list = one(IAM_ACTIONS).path("commands");

    // Every action of every permission policy in the template (trust policies aside).
    Map<String, Set<String>> granted = new LinkedHashMap<>();
    resources
        .fields()
        .forEachRemaining(
            r -> {
              Set<String> actions = new TreeSet<>();
              JsonNode props = r.getValue().path("Properties");
              collectActions(props.path("PolicyDocument"), actions);
              props
                  .path("Policies")
                  .forEach(p -> collectActions(p.path("PolicyDocument"), actions));
              if (!actions.isEmpty()) {
                granted.put(r.getKey(), actions);
              }
            });
    // Each role's CodeArtifact actions, its own and its managed policies', are its command's.
    Map<String, String> commandOf =
        Map.of("TaskRole", "policy run", "FunctionRole", "policy run --event");
    Set<String> managedUsed = new TreeSet<>();
    for (Map.Entry<String, String> role : commandOf.entrySet()) {
      Set<String> actions = new TreeSet<>(granted.getOrDefault(role.getKey(), Set.of()));
      for (JsonNode m : resources.at("/" + role.getKey() + "/Properties/ManagedPolicyArns")) {
        String name = m.path("Ref").asText();
        assertThat(resources.at("/" + name + "/Type").asText())
            .isEqualTo("AWS::IAM::ManagedPolicy");
        actions.addAll(granted.getOrDefault(name, Set.of()));
        managedUsed.add(name);
      }
      Set<String> expected = new TreeSet<>();
      list.path(role.getValue()).path("required").forEach(a -> expected.add(a.asText()));
      assertThat(actions.stream().filter(a -> a.startsWith("codeartifact:")))
          .as(role.getKey() + ": the actions of " + role.getValue())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    // No other resource grants a CodeArtifact action.
    granted.forEach(
        (resource, actions) -> {
          if (!managedUsed.contains(resource)) {
            assertThat(actions).as(resource).noneMatch(a -> a.startsWith("codeartifact:"));
          }
        });
    // No wildcard, no bearer token; sts:AssumeRole only on TargetRoleArns, only when given.
    granted.values().forEach(a -> assertThat(a).noneMatch(x -> x.contains("*")));
    granted.values().forEach(a -> assertThat(a).doesNotContain("sts:GetServiceBearerToken"));
    assertThat(granted.entrySet())
        .filteredOn(e -> e.getValue().contains("sts:AssumeRole"))
        .extracting(Map.Entry::getKey)
        .containsExactly("CapruneAccess");
    JsonNode assume = null;
    for (JsonNode st : resources.at("/CapruneAccess/Properties/PolicyDocument/Statement")) {
      if (st.has("Fn::If")) {
        assume = st.path("Fn::If");
      }
    }
    assertThat(assume).isNotNull();
    assertThat(assume.get(0).asText()).isEqualTo("HasTargetRoles");
    assertThat(assume.get(1).path("Action").toString()).isEqualTo("[\"sts:AssumeRole\"]");
    assertThat(assume.get(1).path("Resource").toString()).isEqualTo("{\"Ref\":\"TargetRoleArns\"}");
    assertThat(assume.get(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
    // Scoped to the domain's ARNs.
    for (String name : managedUsed) {
      for (JsonNode st : resources.at("/" + name + "/Properties/PolicyDocument/Statement")) {
        if (st.has("Action")) {
          assertThat(st.path("Resource").path("Fn::Sub").asText())
              .startsWith("arn:${AWS::Partition}:codeartifact:${AWS::Region}:${DomainOwner}:")
              .contains("${DomainName}");
        }
      }
    }
  }

  private static void collectActions(JsonNode doc, Set<String> into) {
    for (JsonNode s : doc.path("Statement")) {
      JsonNode st = s.has("Fn::If") ? s.path("Fn::If").get(1) : s;
      JsonNode a = st.path("Action");
      if (a.isArray()) {
        a.forEach(x -> into.add(x.asText()));
      } else if (a.isTextual()) {
        into.add(a.asText());
      }
    }
  }

  @Test
  void theLambdaAndTheRuleAreWiredAsDocumented() throws IOException {
    JsonNode r = one(TEMPLATE).path("Resources");
    JsonNode fn = r.at("/Function/Properties");
    assertThat(fn.path("Runtime").asText()).isEqualTo("java17");
    assertThat(fn.path("Handler").asText())
        .isEqualTo("dev.caprune.lambda.PolicyEventHandler::handleRequest");
    assertThat(fn.at("/Environment/Variables").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("CAPRUNE_POLICY", "CAPRUNE_DRY_RUN");
    JsonNode pattern = r.at("/PublishRule/Properties/EventPattern");
    assertThat(pattern.path("source").toString()).isEqualTo("[\"aws.codeartifact\"]");
    assertThat(pattern.path("detail-type").toString())
        .isEqualTo("[\"CodeArtifact Package Version State Change\"]");
    assertThat(pattern.at("/detail/operationType").toString()).isEqualTo("[\"Created\"]");
    assertThat(r.at("/PublishRule/Properties/Targets/0/DeadLetterConfig/Arn").toString())
        .contains("FailedEvents");
    assertThat(
            r.at("/FunctionRetries/Properties/DestinationConfig/OnFailure/Destination").toString())
        .contains("FailedEvents");
    // The handler, where this build has it (it ships in caprune.jar itself).
    try {
      Class<?> handler = Class.forName("dev.caprune.lambda.PolicyEventHandler");
      assertThat(handler.getMethods())
          .anyMatch(mt -> mt.getName().equals("handleRequest") && mt.getParameterCount() == 3);
    } catch (ClassNotFoundException absent) {
      // Not in this build yet: the template names it as documented in policies.md#lambda.
    }
  }

  @Test
  void theCronJobIsLockedDownAndBounded() throws IOException {
    JsonNode cron = k8s("CronJob");
    assertThat(cron.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    assertThat(cron.at("/spec/startingDeadlineSeconds").asInt()).isPositive();
    JsonNode job = cron.at("/spec/jobTemplate/spec");
    assertThat(job.path("activeDeadlineSeconds").asInt()).isPositive();
    assertThat(job.has("backoffLimit")).isTrue();
    JsonNode pod = job.at("/template/spec");
    assertThat(pod.path("serviceAccountName").asText())
        .isEqualTo(k8s("ServiceAccount").at("/metadata/name").asText());
    assertThat(
            k8s("ServiceAccount").at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
        .startsWith("arn:aws:iam::");
    JsonNode sc = container(cron).path("securityContext");
    assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(sc.path("runAsUser").asInt()).isEqualTo(10001);
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode res = container(cron).path("resources");
    assertThat(res.at("/requests/memory").asText()).isNotEmpty();
    assertThat(res.at("/limits/memory").asText()).isNotEmpty();
    // The policy is the ConfigMap's, mounted read-only where the args look for it.
    assertThat(container(cron).at("/volumeMounts/0/readOnly").asBoolean()).isTrue();
    assertThat(pod.at("/volumes/0/configMap/name").asText())
        .isEqualTo(k8s("ConfigMap").at("/metadata/name").asText());
  }

  @Test
  void theImageCheckRunsTheTasksCommandVerbatim() throws IOException {
    String script = taskScript(one(TEMPLATE));
    String firstLine = script.lines().findFirst().orElseThrow();
    assertThat(Files.readString(Path.of("packaging/image.sh"))).contains(firstLine);
  }

  @Test
  void theWorkflowsUseOneOidcRoleAndAReviewedEnvironment() throws IOException {
    Map<String, JsonNode> w = workflows();
    for (JsonNode wf : w.values()) {
      assertThat(wf.at("/permissions/id-token").asText()).isEqualTo("write");
    }
    JsonNode nightly = w.get("caprune-nightly.yml");
    assertThat(nightly.toString()).contains("aws-actions/configure-aws-credentials@v4");
    JsonNode retention = one(GITHUB.resolve("retention.yaml"));
    Set<String> accounts = new TreeSet<>();
    for (JsonNode t : retention.path("targets")) {
      String arn = t.path("roleArn").asText();
      assertThat(arn).startsWith("arn:aws:iam::");
      accounts.add(arn.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12));
    }
    assertThat(accounts).hasSize(2);
    assertThat(w.get("caprune-review.yml").toString()).contains("GITHUB_STEP_SUMMARY");
    JsonNode apply = w.get("caprune-plan-apply.yml").at("/jobs/apply");
    assertThat(apply.path("environment").asText()).isNotEmpty();
    assertThat(apply.path("needs").asText()).isEqualTo("plan");
  }

  private static String parameterDefault(JsonNode template, JsonNode value) {
    if (value.has("Ref")) {
      return template.at("/Parameters/" + value.path("Ref").asText() + "/Default").asText();
    }
    return value.asText();
  }
}
