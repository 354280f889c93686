package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The GitHub Actions workflows ({@code .github/workflows/*.yml}) cannot run here (no GitHub, no AWS),
 * so this reads them and checks what can be checked without running them:
 *
 * <ul>
 *   <li>every {@code run:} step runs programs the runner has, and every file it names exists in the
 *       repository, or is a jar a Maven module builds (module and final name read from the poms) and
 *       an earlier {@code mvn} command of the same job built; {@code mvn -pl} names modules that
 *       exist; the jars the scripts it calls and the template it deploys use are built too;
 *   <li>every {@code uses:} is pinned (a full commit SHA with its release in a comment, or an exact
 *       {@code vX.Y.Z} tag); {@code pip install}s name exact versions;
 *   <li>no workflow holds AWS access keys; permissions are {@code contents: read}, plus
 *       {@code id-token: write} for the deploying job only; every job has a timeout of at most an hour;
 *   <li>the deploy job runs in an environment, assumes a role through OIDC, passes {@code sam deploy}
 *       every parameter {@code template.yaml} requires (and no other), each from a {@code vars.*}
 *       variable, smoke tests the stack afterwards, and is never cancelled midway;
 *   <li>the pull-request workflow runs {@code .ci/run} with what it needs (Java 17, cfn-lint, moto,
 *       MariaDB on 3306) and cancels superseded runs.
 * </ul>
 *
 * Each check is shown to bite by a mutation of the real workflows that it must report.
 */
class WorkflowsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

  @Test
  void theWorkflows_passEveryCheck() {
    Map<String, String> workflows = readWorkflows();
    assertThat(workflows).containsKeys("pull-request.yml", "deploy.yml");
    assertThat(new Checks().problems(workflows)).isEmpty();
  }

  static Stream<Arguments> mutations() {
    String checkoutSha = "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd";
    return Stream.of(
        // pinning
        Arguments.of("pull-request.yml", checkoutSha, "actions/checkout@v6", "is not pinned"),
        Arguments.of("deploy.yml", checkoutSha, "actions/checkout@main", "is not pinned"),
        Arguments.of("deploy.yml", "# v6.0.0", "", "no '# vX.Y.Z' comment"),
        Arguments.of("pull-request.yml", "\"cfn-lint==1.51.0\"", "cfn-lint", "pip install cfn-lint: no exact version"),
        // commands and files
        Arguments.of("pull-request.yml", "run: bash .ci/run", "run: bash .ci/runn", ".ci/runn does not exist"),
        Arguments.of("deploy.yml", "bash deploy/smoke-test.sh", "bash deploy/smoke.sh", "deploy/smoke.sh does not exist"),
        Arguments.of("deploy.yml", "&& test -f local/target/comic-shelf-local.jar", "&& test -f local/target/local.jar",
            "local/target/local.jar: module local builds no such jar"),
        Arguments.of("deploy.yml", "-pl functions,local -am", "-pl functions,locale -am", "-pl locale: not a module"),
        Arguments.of("deploy.yml", "-pl functions,local -am", "-pl functions -am",
            "local/target/comic-shelf-local.jar is used before an mvn command of this job builds module local"),
        Arguments.of("deploy.yml", "--template-file template.yaml", "--template-file template.yml", "template.yml does not exist"),
        Arguments.of("deploy.yml", "          sam deploy \\", "          sam-deploy \\", "unknown command 'sam-deploy'"),
        Arguments.of("deploy.yml", "ls shared/src/main/resources/db/migration", "ls shared/src/main/resources/db/migrations",
            "shared/src/main/resources/db/migrations does not exist"),
        // credentials and permissions
        Arguments.of("deploy.yml", "id-token: write #", "id-token: none #", "id-token: write"),
        Arguments.of("deploy.yml", "role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
            "aws-access-key-id: ${{ secrets.DEPLOY_KEY_ID }}", "aws-access-key-id"),
        Arguments.of("deploy.yml", "      SUBNET_IDS: ${{ vars.SUBNET_IDS }}\n",
            "      SUBNET_IDS: ${{ vars.SUBNET_IDS }}\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.KEY }}\n", "aws_secret_access_key"),
        Arguments.of("pull-request.yml", "permissions:\n  contents: read", "permissions:\n  contents: write",
            "workflow permissions must be exactly contents: read"),
        Arguments.of("pull-request.yml", "timeout-minutes: 60", "timeout-minutes: 90", "timeout-minutes 90"),
        // the deployment
        Arguments.of("deploy.yml", " SubnetIds=$SUBNET_IDS\"", "\"", "SubnetIds, which template.yaml requires"),
        Arguments.of("deploy.yml", " SubnetIds=$SUBNET_IDS\"", " SubnetIds=$SUBNET_IDS Bogus=1\"", "passes Bogus, which is not a parameter"),
        Arguments.of("deploy.yml", "VpcId=$VPC_ID", "VpcId=vpc-0123456789abcdef0", "VpcId=vpc-0123456789abcdef0 does not come from"),
        Arguments.of("deploy.yml", "      VPC_ID: ${{ vars.VPC_ID }}", "      VPC_ID: vpc-0123456789abcdef0", "VpcId=$VPC_ID does not come from"),
        Arguments.of("deploy.yml", "    environment: production\n", "", "runs in no environment"),
        Arguments.of("deploy.yml", "cancel-in-progress: false", "cancel-in-progress: true", "must never be cancelled"),
        Arguments.of("deploy.yml", "run: bash deploy/smoke-test.sh --stack-name \"$STACK_NAME\" --region \"$AWS_REGION\"",
            "run: echo no smoke test", "no smoke test"),
        Arguments.of("deploy.yml", "branches: [main]", "branches: [release]", "push to main"),
        // the pull request
        Arguments.of("pull-request.yml", "run: bash .ci/run", "run: mvn -B verify", "does not run .ci/run"),
        Arguments.of("pull-request.yml", "cancel-in-progress: true", "cancel-in-progress: false", "superseded"),
        Arguments.of("pull-request.yml", "java-version: \"17\"", "java-version: \"21\"", "Java 17"),
        Arguments.of("pull-request.yml", " \"moto[server]==5.2.1\"", "", "does not pip install moto[server]"),
        Arguments.of("pull-request.yml", "- 3306:3306", "- 3307:3306", "MariaDB on port 3306"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("mutations")
  void eachCheck_reportsAMutationOfTheWorkflows(String file, String from, String to, String expected) {
    Map<String, String> workflows = readWorkflows();
    String text = workflows.get(file);
    assertThat(text).as("%s contains what the mutation replaces", file).contains(from);
    workflows.put(file, text.replace(from, to));

    List<String> problems = new Checks().problems(workflows);

    assertThat(problems).as("problems found in the mutated %s", file).anyMatch(problem -> problem.contains(expected));
  }

  @Test
  void aBareWorkflow_isReportedForWhatItLacks() {
    String bare =
        """
        name: bare
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: ./gradlew build && java -jar build/app.jar
        """;
    List<String> problems = new Checks().problems(Map.of("bare.yml", bare));
    assertThat(problems)
        .anyMatch(p -> p.contains("no top-level permissions"))
        .anyMatch(p -> p.contains("no timeout-minutes"))
        .anyMatch(p -> p.contains("actions/checkout@v4 is not pinned"))
        .anyMatch(p -> p.contains("./gradlew does not exist"))
        .anyMatch(p -> p.contains("build/app.jar does not exist"));
  }

  private static Map<String, String> readWorkflows() {
    Map<String, String> workflows = new TreeMap<>();
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).toList()) {
        workflows.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return workflows;
  }

  /** The checks, over workflow texts by file name; each problem names its file and place. */
  static final class Checks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern EXACT_TAG = Pattern.compile("v\\d+\\.\\d+\\.\\d+");
    private static final Pattern USES_LINE = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*([^\\s#]+)\\s*(#.*)?$");
    private static final Pattern RELATIVE_PATH = Pattern.compile("[\\w.-]+(/[\\w.-]+)+/?");
    private static final Pattern REPO_FILE = Pattern.compile("[\\w.-]+\\.(ya?ml|sh|jar|json|toml|xml|sql)");
    private static final Pattern BUILT_JAR = Pattern.compile("([\\w.-]+)/target/([\\w.-]+\\.jar)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_]\\w*=.*", Pattern.DOTALL);
    private static final Pattern VARS_EXPRESSION = Pattern.compile("\\$\\{\\{\\s*vars\\.\\w+\\s*}}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final List<String> ACCESS_KEYS =
        List.of("aws-access-key-id", "aws-secret-access-key", "aws-session-token",
            "aws_access_key_id", "aws_secret_access_key", "aws_session_token");
    private static final Set<String> SHELL_WORDS =
        Set.of("if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time");
    /** What the job may run besides repository files: the runner image's tools and those earlier steps set up. */
    private static final Set<String> KNOWN_PROGRAMS =
        Set.of("bash", "sh", "mvn", "java", "python", "pip", "sam", "aws", "jq", "curl", "mysqladmin", "mysql",
            "echo", "printf", "test", "[", "cat", "ls", "sed", "tr", "sort", "tail", "head", "grep", "exit", "true",
            "cd", "export");

    private final Maven maven = Maven.read(ROOT);
    private final List<String> problems = new ArrayList<>();

    List<String> problems(Map<String, String> workflows) {
      workflows.forEach(this::check);
      return problems;
    }

    private void check(String file, String text) {
      String lower = text.toLowerCase();
      for (String key : ACCESS_KEYS) {
        if (lower.contains(key)) {
          problems.add(file + ": mentions " + key + ": use OIDC (role-to-assume), never stored AWS keys");
        }
      }
      checkUsesComments(file, text);

      JsonNode workflow;
      try {
        workflow = YAML.readTree(text);
      } catch (IOException e) {
        problems.add(file + ": not YAML: " + e.getMessage());
        return;
      }
      JsonNode permissions = workflow.path("permissions");
      if (permissions.isMissingNode()) {
        problems.add(file + ": no top-level permissions (give contents: read)");
      } else if (!isContentsReadOnly(permissions)) {
        problems.add(file + ": workflow permissions must be exactly contents: read, not " + permissions);
      }

      boolean runsCiRun = false;
      for (var job : fields(workflow.path("jobs"))) {
        String where = file + ": job " + job.getKey();
        JobFacts facts = checkJob(where, workflow, job.getValue());
        runsCiRun |= facts.runsCiRun;
        if (facts.samDeploy != null) {
          checkDeployJob(where, workflow, job.getValue(), facts);
        } else if ("write".equals(job.getValue().path("permissions").path("id-token").asText())) {
          problems.add(where + ": grants id-token: write but deploys nothing");
        }
        if (facts.runsCiRun) {
          checkCiRunJob(where, job.getValue(), facts);
        }
      }
      if (triggers(workflow).containsKey("pull_request")) {
        if (!runsCiRun) {
          problems.add(file + ": runs on pull_request but does not run .ci/run");
        }
        JsonNode concurrency = workflow.path("concurrency");
        if (!concurrency.path("cancel-in-progress").asBoolean(false)) {
          problems.add(file + ": superseded runs of a pull request are not cancelled (concurrency.cancel-in-progress: true)");
        }
      }
    }

    private void checkUsesComments(String file, String text) {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher uses = USES_LINE.matcher(lines[i]);
        if (uses.matches() && SHA.matcher(ref(uses.group(1))).matches()
            && (uses.group(2) == null || !uses.group(2).matches("#\\s*v\\d+(\\.\\d+)*\\b.*"))) {
          problems.add(file + ":" + (i + 1) + ": " + uses.group(1) + " has no '# vX.Y.Z' comment naming its release");
        }
      }
    }

    private static boolean isContentsReadOnly(JsonNode permissions) {
      return permissions.isObject() && permissions.size() == 1 && "read".equals(permissions.path("contents").asText());
    }

    /** What checking a job's steps found out about it. */
    private static final class JobFacts {
      boolean runsCiRun;
      List<String> samDeploy;
      int samDeployStep = -1;
      int smokeTestStep = -1;
      int credentialsStep = -1;
      JsonNode samDeployStepEnv;
      final Set<String> pipPackages = new HashSet<>();
    }

    private JobFacts checkJob(String where, JsonNode workflow, JsonNode job) {
      JobFacts facts = new JobFacts();
      JsonNode timeout = job.path("timeout-minutes");
      if (timeout.isMissingNode()) {
        problems.add(where + ": no timeout-minutes");
      } else if (!timeout.isInt() || timeout.asInt() > 60) {
        problems.add(where + ": timeout-minutes " + timeout.asText() + " exceeds 60");
      }
      JsonNode permissions = job.path("permissions");
      for (var grant : fields(permissions)) {
        if ("write".equals(grant.getValue().asText()) && !grant.getKey().equals("id-token")) {
          problems.add(where + ": grants " + grant.getKey() + ": write");
        }
      }
      if (job.has("uses")) {
        checkPinned(where, job.path("uses").asText());
      }
      Set<String> built = new HashSet<>();
      JsonNode steps = job.path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        String at = where + ", step " + (i + 1) + " (" + step.path("name").asText(step.path("uses").asText("run")) + ")";
        if (step.has("uses")) {
          String uses = step.path("uses").asText();
          checkPinned(at, uses);
          if (uses.startsWith("aws-actions/configure-aws-credentials@")) {
            facts.credentialsStep = i;
            if (!VARS_EXPRESSION.matcher(step.path("with").path("role-to-assume").asText()).matches()) {
              problems.add(at + ": role-to-assume must come from a vars.* variable");
            }
            if (step.path("with").path("aws-region").asText().isEmpty()) {
              problems.add(at + ": no aws-region");
            }
          }
        }
        if (step.has("run")) {
          for (List<String> command : Shell.commands(step.path("run").asText())) {
            checkCommand(at, command, built, facts);
            if (isSamDeploy(command)) {
              facts.samDeploy = command;
              facts.samDeployStep = i;
              facts.samDeployStepEnv = step.path("env");
            }
            if (command.contains("deploy/smoke-test.sh")) {
              facts.smokeTestStep = i;
            }
          }
        }
      }
      return facts;
    }

    private void checkPinned(String where, String uses) {
      if (uses.startsWith("./")) {
        return;
      }
      if (uses.startsWith("docker://")) {
        if (!uses.contains("@sha256:")) {
          problems.add(where + ": " + uses + " is not pinned to a digest");
        }
        return;
      }
      String ref = ref(uses);
      if (!SHA.matcher(ref).matches() && !EXACT_TAG.matcher(ref).matches()) {
        problems.add(where + ": " + uses + " is not pinned (a 40-hex commit SHA or an exact vX.Y.Z tag)");
      }
    }

    private static String ref(String uses) {
      int at = uses.lastIndexOf('@');
      return at < 0 ? "" : uses.substring(at + 1);
    }

    private static boolean isSamDeploy(List<String> command) {
      return command.size() > 1 && command.get(0).equals("sam") && command.get(1).equals("deploy");
    }

    /** One simple command of a run step: the program exists, so do the files it names. */
    private void checkCommand(String at, List<String> words, Set<String> built, JobFacts facts) {
      int first = 0;
      while (first < words.size() && (SHELL_WORDS.contains(words.get(first)) || ASSIGNMENT.matcher(words.get(first)).matches())) {
        first++;
      }
      if (first == words.size() || words.get(first).equals("for") || words.get(first).equals("case")) {
        return;
      }
      List<String> command = words.subList(first, words.size());
      String program = command.get(0);
      if (program.contains("$") || program.startsWith("/")) {
        // a variable's value, or a program of the runner image named by its absolute path
      } else if (program.contains("/")) {
        checkFile(at, program, built);
      } else if (!KNOWN_PROGRAMS.contains(program)) {
        problems.add(at + ": unknown command '" + program + "'");
      }
      for (int i = 1; i < command.size(); i++) {
        String word = command.get(i);
        String value = word.startsWith("-") && word.contains("=") ? word.substring(word.indexOf('=') + 1) : word;
        if (!value.contains("$") && !value.startsWith("/")
            && (RELATIVE_PATH.matcher(value).matches() || REPO_FILE.matcher(value).matches())) {
          checkFile(at, value, built);
        }
      }
      switch (program) {
        case "bash", "sh" -> {
          String script = command.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
          if (script.equals(".ci/run")) {
            facts.runsCiRun = true;
          }
          checkJarsUsedBy(at, script, built);
        }
        case ".ci/run" -> facts.runsCiRun = true;
        case "mvn" -> checkMaven(at, command, built);
        case "sam" -> {
          if (isSamDeploy(command)) {
            String template = optionValue(command, "--template-file", "--template", "-t");
            checkJarsUsedBy(at, template == null ? "template.yaml" : template, built);
          }
        }
        case "python" -> {
          if (command.size() > 2 && command.get(1).equals("-m") && command.get(2).equals("pip")) {
            checkPip(at, command.subList(2, command.size()), facts);
          }
        }
        case "pip" -> checkPip(at, command, facts);
        default -> { }
      }
    }

    /** A repository file, or a jar a module builds (and an earlier mvn command of this job built). */
    private void checkFile(String at, String path, Set<String> built) {
      Path resolved = ROOT.resolve(path).normalize();
      if (!resolved.startsWith(ROOT)) {
        problems.add(at + ": " + path + " is outside the repository");
        return;
      }
      Matcher jar = BUILT_JAR.matcher(path);
      if (jar.matches()) {
        checkBuiltJar(at, jar.group(1), jar.group(2), built);
      } else if (path.matches("[\\w.-]+/target(/.*)?")) {
        String module = path.substring(0, path.indexOf('/'));
        if (!maven.modules().contains(module)) {
          problems.add(at + ": " + path + ": " + module + " is not a Maven module");
        }
      } else if (!Files.exists(resolved)) {
        problems.add(at + ": " + path + " does not exist");
      }
    }

    private void checkBuiltJar(String at, String module, String jar, Set<String> built) {
      String path = module + "/target/" + jar;
      if (!maven.modules().contains(module)) {
        problems.add(at + ": " + path + ": " + module + " is not a Maven module");
      } else if (!maven.jars().getOrDefault(module, Set.of()).contains(jar)) {
        problems.add(at + ": " + path + ": module " + module + " builds no such jar (it builds "
            + maven.jars().get(module) + ")");
      } else if (!built.contains(module)) {
        problems.add(at + ": " + path + " is used before an mvn command of this job builds module " + module);
      }
    }

    /** The jars a script or template the step hands over uses must be built already. */
    private void checkJarsUsedBy(String at, String file, Set<String> built) {
      Path path = ROOT.resolve(file).normalize();
      if (file.isEmpty() || file.contains("$") || !path.startsWith(ROOT) || !Files.isRegularFile(path)) {
        return;
      }
      try {
        Matcher jar = BUILT_JAR.matcher(Files.readString(path, StandardCharsets.UTF_8));
        Set<String> seen = new HashSet<>();
        while (jar.find()) {
          if (seen.add(jar.group())) {
            checkBuiltJar(at + " (through " + file + ")", jar.group(1), jar.group(2), built);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void checkMaven(String at, List<String> command, Set<String> built) {
      Set<String> selected = new LinkedHashSet<>(maven.modules());
      for (int i = 1; i < command.size(); i++) {
        String word = command.get(i);
        String projects = word.equals("-pl") || word.equals("--projects") ? next(command, i)
            : word.startsWith("--projects=") ? word.substring("--projects=".length()) : null;
        if (projects != null) {
          selected.clear();
          for (String module : projects.split(",")) {
            if (!maven.modules().contains(module)) {
              problems.add(at + ": mvn -pl " + module + ": not a module of pom.xml (" + maven.modules() + ")");
            }
            selected.add(module);
          }
        }
        if (word.equals("-f") || word.equals("--file")) {
          checkFile(at, next(command, i), built);
        }
      }
      boolean packages = command.stream().anyMatch(w -> Set.of("package", "verify", "install", "deploy").contains(w));
      if (packages) {
        built.addAll(selected);
      }
    }

    private void checkPip(String at, List<String> pip, JobFacts facts) {
      if (pip.size() < 2 || !pip.get(1).equals("install")) {
        return;
      }
      for (String requirement : pip.subList(2, pip.size())) {
        if (requirement.startsWith("-")) {
          continue;
        }
        if (!requirement.contains("==")) {
          problems.add(at + ": pip install " + requirement + ": no exact version (name==X.Y.Z)");
        }
        facts.pipPackages.add(requirement.replaceAll("==.*", ""));
      }
    }

    private void checkDeployJob(String where, JsonNode workflow, JsonNode job, JobFacts facts) {
      JsonNode permissions = job.has("permissions") ? job.path("permissions") : workflow.path("permissions");
      if (!"write".equals(permissions.path("id-token").asText())) {
        problems.add(where + ": deploys without permissions id-token: write (needed for OIDC)");
      }
      if (!"read".equals(permissions.path("contents").asText())) {
        problems.add(where + ": deploys without permissions contents: read");
      }
      JsonNode environment = job.path("environment");
      if ((environment.isTextual() ? environment.asText() : environment.path("name").asText()).isEmpty()) {
        problems.add(where + ": runs in no environment (its variables, secrets and approvals live there)");
      }
      if (facts.credentialsStep < 0 || facts.credentialsStep > facts.samDeployStep) {
        problems.add(where + ": no aws-actions/configure-aws-credentials step before sam deploy");
      }
      if (facts.smokeTestStep <= facts.samDeployStep) {
        problems.add(where + ": no smoke test (bash deploy/smoke-test.sh) after sam deploy");
      }
      JsonNode concurrency = job.has("concurrency") ? job.path("concurrency") : workflow.path("concurrency");
      if (concurrency.isMissingNode()) {
        problems.add(where + ": no concurrency group: two deployments could run at once");
      } else if (concurrency.path("cancel-in-progress").asBoolean(false)) {
        problems.add(where + ": a deployment must never be cancelled midway (cancel-in-progress: false)");
      }
      JsonNode push = triggers(workflow).get("push");
      if (push == null || !push.path("branches").toString().contains("\"main\"")) {
        problems.add(where + ": the deploy workflow does not run on a push to main");
      }
      checkParameterOverrides(where, workflow, job, facts);
    }

    /** sam deploy passes exactly template.yaml's parameters, every required one, each from vars.*. */
    private void checkParameterOverrides(String where, JsonNode workflow, JsonNode job, JobFacts facts) {
      Map<String, Boolean> declared = templateParameters();
      Map<String, String> overrides = new LinkedHashMap<>();
      List<String> command = facts.samDeploy;
      int start = command.indexOf("--parameter-overrides");
      for (int i = start + 1; start >= 0 && i < command.size() && !command.get(i).startsWith("--"); i++) {
        for (String entry : command.get(i).trim().split("\\s+")) {
          int equals = entry.indexOf('=');
          overrides.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
      }
      declared.forEach((name, required) -> {
        if (required && !overrides.containsKey(name)) {
          problems.add(where + ": sam deploy does not pass " + name + ", which template.yaml requires (no Default)");
        }
      });
      overrides.forEach((name, value) -> {
        if (!declared.containsKey(name)) {
          problems.add(where + ": sam deploy passes " + name + ", which is not a parameter of template.yaml");
        } else if (!fromVars(value, facts.samDeployStepEnv, job.path("env"), workflow.path("env"))) {
          problems.add(where + ": " + name + "=" + value + " does not come from a vars.* variable of the environment");
        }
      });
    }

    private static boolean fromVars(String value, JsonNode... envs) {
      if (VARS_EXPRESSION.matcher(value).matches()) {
        return true;
      }
      Matcher reference = ENV_REFERENCE.matcher(value);
      if (!reference.matches()) {
        return false;
      }
      for (JsonNode env : envs) {
        if (env.has(reference.group(1))) {
          return VARS_EXPRESSION.matcher(env.path(reference.group(1)).asText()).matches();
        }
      }
      return false;
    }

    /** template.yaml's parameters, each with whether it is required (has no Default). */
    private static Map<String, Boolean> templateParameters() {
      try {
        JsonNode parameters = YAML.readTree(ROOT.resolve("template.yaml").toFile()).path("Parameters");
        Map<String, Boolean> declared = new LinkedHashMap<>();
        for (var parameter : fields(parameters)) {
          declared.put(parameter.getKey(), !parameter.getValue().has("Default"));
        }
        return declared;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The job that runs .ci/run gives it what it would otherwise look for or install itself. */
    private void checkCiRunJob(String where, JsonNode job, JobFacts facts) {
      boolean java17 = false;
      for (JsonNode step : job.path("steps")) {
        JsonNode with = step.path("with");
        if (step.path("uses").asText().startsWith("actions/setup-java@") && with.path("java-version").asText().equals("17")
            && with.path("distribution").asText().equals("temurin") && with.path("cache").asText().equals("maven")) {
          java17 = true;
        }
      }
      if (!java17) {
        problems.add(where + ": does not set up Java 17 (temurin, cache: maven) for .ci/run");
      }
      for (String tool : List.of("cfn-lint", "moto[server]")) {
        if (!facts.pipPackages.contains(tool)) {
          problems.add(where + ": does not pip install " + tool + ", which .ci/run and the tests need");
        }
      }
      boolean mariaDb = false;
      for (JsonNode service : job.path("services")) {
        for (JsonNode port : service.path("ports")) {
          mariaDb |= port.asText().equals("3306:3306") && service.path("image").asText().startsWith("mariadb:");
        }
      }
      if (!mariaDb) {
        problems.add(where + ": no MariaDB on port 3306 (services: mariadb, ports 3306:3306) for the tests");
      }
    }

    /** The workflow's events: on as a name, a list of names or a map. */
    private static Map<String, JsonNode> triggers(JsonNode workflow) {
      JsonNode on = workflow.path("on");
      Map<String, JsonNode> events = new LinkedHashMap<>();
      if (on.isTextual()) {
        events.put(on.asText(), YAML.createObjectNode());
      } else if (on.isArray()) {
        on.forEach(event -> events.put(event.asText(), YAML.createObjectNode()));
      } else {
        fields(on).forEach(event -> events.put(event.getKey(), event.getValue()));
      }
      return events;
    }

    private static String optionValue(List<String> command, String... names) {
      for (int i = 0; i < command.size(); i++) {
        for (String name : names) {
          if (command.get(i).equals(name)) {
            return next(command, i);
          }
          if (command.get(i).startsWith(name + "=")) {
            return command.get(i).substring(name.length() + 1);
          }
        }
      }
      return null;
    }

    private static String next(List<String> words, int i) {
      return i + 1 < words.size() ? words.get(i + 1) : "";
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      return () -> fields;
    }
  }

  /**
   * Just enough of the shell to read the workflows' run steps: words (quotes removed, {@code $(...)}
   * kept whole and read as commands too), split into simple commands at newlines, ;, &&, || and |.
   */
  static final class Shell {
    static List<List<String>> commands(String script) {
      List<List<String>> commands = new ArrayList<>();
      List<String> substitutions = new ArrayList<>();
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      int i = 0;
      while (i < script.length()) {
        char c = script.charAt(i);
        if (c == '\\' && i + 1 < script.length()) {
          if (script.charAt(i + 1) != '\n') {
            word = append(word, script.charAt(i + 1));
          }
          i += 2;
        } else if (c == '\'') {
          int end = script.indexOf('\'', i + 1);
          end = end < 0 ? script.length() : end;
          word = append(word, script.substring(i + 1, end));
          i = end + 1;
        } else if (c == '"') {
          int j = i + 1;
          StringBuilder quoted = new StringBuilder();
          while (j < script.length() && script.charAt(j) != '"') {
            if (script.charAt(j) == '\\' && j + 1 < script.length()) {
              quoted.append(script.charAt(j + 1));
              j += 2;
            } else if (script.startsWith("$(", j)) {
              int end = closingParen(script, j + 1);
              substitutions.add(script.substring(j + 2, end));
              quoted.append(script, j, end + 1);
              j = end + 1;
            } else {
              quoted.append(script.charAt(j++));
            }
          }
          word = append(word, quoted);
          i = j + 1;
        } else if (script.startsWith("$(", i)) {
          int end = closingParen(script, i + 1);
          substitutions.add(script.substring(i + 2, end));
          word = append(word, script.substring(i, end + 1));
          i = end + 1;
        } else if (c == '#' && word == null) {
          int end = script.indexOf('\n', i);
          i = end < 0 ? script.length() : end;
        } else if (c == ' ' || c == '\t') {
          word = flush(word, words);
          i++;
        } else if (c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
          word = flush(word, words);
          if (!words.isEmpty()) {
            commands.add(words);
            words = new ArrayList<>();
          }
          i++;
        } else if (c == '>' || c == '<') {
          word = flush(word, words);
          words.add(String.valueOf(c));
          i += script.startsWith(">>", i) ? 2 : 1;
        } else {
          word = append(word, c);
          i++;
        }
      }
      flush(word, words);
      if (!words.isEmpty()) {
        commands.add(words);
      }
      for (String substitution : substitutions) {
        commands.addAll(commands(substitution));
      }
      return commands;
    }

    private static int closingParen(String script, int open) {
      int depth = 0;
      for (int i = open; i < script.length(); i++) {
        char c = script.charAt(i);
        if (c == '\'' || c == '"') {
          int end = script.indexOf(c, i + 1);
          i = end < 0 ? script.length() : end;
        } else if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          return i;
        }
      }
      return script.length() - 1;
    }

    private static StringBuilder append(StringBuilder word, Object text) {
      return (word == null ? new StringBuilder() : word).append(text);
    }

    private static StringBuilder flush(StringBuilder word, List<String> words) {
      if (word != null) {
        words.add(word.toString());
      }
      return null;
    }
  }

  /** The reactor's modules and the jars each builds, from the poms. */
  record Maven(Set<String> modules, Map<String, Set<String>> jars) {
    static Maven read(Path root) {
      Element parent = pom(root.resolve("pom.xml"));
      Set<String> modules = new LinkedHashSet<>();
      for (Element module : children(child(parent, "modules"), "module")) {
        modules.add(module.getTextContent().trim());
      }
      String parentVersion = text(parent, "version");
      Map<String, Set<String>> jars = new LinkedHashMap<>();
      for (String module : modules) {
        Element pom = pom(root.resolve(module).resolve("pom.xml"));
        String version = text(pom, "version").isEmpty() ? parentVersion : text(pom, "version");
        Element build = child(pom, "build");
        String finalName = text(build, "finalName");
        Set<String> built = new LinkedHashSet<>();
        built.add((finalName.isEmpty() ? text(pom, "artifactId") + "-" + version : finalName) + ".jar");
        for (Element plugin : children(child(build, "plugins"), "plugin")) {
          if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
            String shaded = text(child(plugin, "configuration"), "finalName");
            for (Element execution : children(child(plugin, "executions"), "execution")) {
              // An execution with its own output file writes that jar besides the main one.
              String output = text(child(execution, "configuration"), "outputFile");
              if (output.startsWith("${project.build.directory}/")) {
                built.add(output.substring("${project.build.directory}/".length()));
                continue;
              }
              String name = text(child(execution, "configuration"), "finalName");
              shaded = name.isEmpty() ? shaded : name;
            }
            if (!shaded.isEmpty()) {
              built.add(shaded + ".jar");
            }
          }
        }
        jars.put(module, built);
      }
      return new Maven(modules, jars);
    }

    private static Element pom(Path file) {
      try {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }

    private static List<Element> children(Element parent, String name) {
      List<Element> children = new ArrayList<>();
      if (parent != null) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
          if (node instanceof Element element && element.getTagName().equals(name)) {
            children.add(element);
          }
        }
      }
      return children;
    }

    private static Element child(Element parent, String name) {
      List<Element> children = children(parent, name);
      return children.isEmpty() ? null : children.get(0);
    }

    private static String text(Element parent, String name) {
      Element child = child(parent, name);
      return child == null ? "" : child.getTextContent().trim();
    }
  }
}
