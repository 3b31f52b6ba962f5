package io.tabelogo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery pipeline's shape: tests before images, an image for every service the chart deploys, staging checked
 * by the smoke test, production approved and canaried; dependencies kept current; a release bumping every version;
 * and the deploy scripts' decisions, against a stand-in kubectl.
 */
class DeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @SuppressWarnings("unchecked")
    void aPushToMainIsTestedThenBuiltThenStagedAndSmokeTestedThenCanariedInProductionOnApproval() {
        Map<String, Map<String, Object>> jobs = Workflows.jobs(Workflows.load("delivery.yml"));
        assertThat(Workflows.triggers(Workflows.load("delivery.yml"))).containsOnlyKeys("push");

        assertThat(jobs.get("ci").get("uses")).isEqualTo("./.github/workflows/ci.yml");
        assertThat(jobs.get("images").get("needs")).isEqualTo("ci");
        assertThat(jobs.get("images").get("uses")).isEqualTo("./.github/workflows/images.yml");

        Map<String, Object> staging = jobs.get("staging");
        assertThat(staging.get("needs")).isEqualTo("images");
        assertThat(((Map<String, Object>) staging.get("environment")).get("name"))
                .isEqualTo("staging");
        String stagingScripts = Workflows.scripts(staging);
        assertThat(stagingScripts).contains("helm upgrade --install", "--wait", "image.tag=\"$TAG\"");
        assertThat(stagingScripts.indexOf("deploy/smoke-test.mjs"))
                .as("the smoke test runs after the rollout")
                .isGreaterThan(stagingScripts.indexOf("helm upgrade"));

        Map<String, Object> production = jobs.get("production");
        assertThat((List<String>) production.get("needs")).contains("staging");
        assertThat(((Map<String, Object>) production.get("environment")).get("name"))
                .isEqualTo("production");
        assertThat(Workflows.scripts(production))
                .contains("--set rollouts.enabled=true", "deploy/pipeline/await-rollouts.sh");
        // Cluster credentials come from the environment's secrets or OIDC, never from the repository.
        assertThat(Workflows.scripts(staging) + Workflows.scripts(production))
                .contains("deploy/pipeline/kubeconfig.sh");
    }

    @Test
    void theTerraformIsFormattedValidatedForBothEnvironmentsAndStagingPlannedWithItsOwnVariables() {
        Map<String, Object> terraform =
                Workflows.jobs(Workflows.load("delivery.yml")).get("terraform");
        assertThat(terraform).as("delivery.yml has a terraform job").isNotNull();
        String scripts = Workflows.scripts(terraform);

        assertThat(scripts)
                .contains("terraform fmt -check -recursive -diff deploy/terraform/aws")
                .contains("for environment in staging prod", "init -backend=false", "validate")
                .contains("terraform plan", "-var-file=\"$RUNNER_TEMP/staging.tfvars\"");
        assertThat(Workflows.steps(terraform).toString()).contains("vars.STAGING_TFVARS");
        // A plan may read the state; nothing in the job applies.
        assertThat(scripts).doesNotContain("terraform apply", "-auto-approve");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theImageWorkflowBuildsEveryServiceTheChartDeploys() throws Exception {
        Map<String, Object> image = Workflows.jobs(Workflows.load("images.yml")).get("image");
        List<String> built = (List<String>)
                ((Map<String, Object>) ((Map<String, Object>) image.get("strategy")).get("matrix")).get("service");
        Map<String, Object> values =
                (Map<String, Object>) Workflows.load(Workflows.ROOT.resolve("deploy/helm/tabelogo/values.yaml"));
        Set<String> deployed = ((Map<String, Object>) values.get("services")).keySet();

        assertThat(new TreeSet<>(built)).isEqualTo(new TreeSet<>(deployed));
        for (String service : built) {
            assertThat(Workflows.ROOT.resolve("services").resolve(service).resolve("pom.xml"))
                    .exists();
        }
        String text = Files.readString(Workflows.FOLDER.resolve("images.yml"));
        assertThat(text)
                .contains("file: deploy/docker/Dockerfile", "SERVICE=${{ matrix.service }}")
                .contains("platforms: linux/amd64,linux/arm64", "cache-from: type=registry", "provenance: mode=max")
                .contains("format: cyclonedx-json", "severity-cutoff: critical", "fail-build: true")
                .contains("cosign sign --yes", "cosign attest --yes --type cyclonedx");
        assertThat(Files.readString(Workflows.ROOT.resolve("deploy/docker/Dockerfile")))
                .contains("ARG SERVICE", "ARG COMMIT", "ARG CHANGELIST");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDependencyBotWatchesEveryEcosystemAndEveryLockFile() throws Exception {
        Map<String, Object> dependabot =
                (Map<String, Object>) Workflows.load(Workflows.ROOT.resolve(".github/dependabot.yml"));
        List<Map<String, Object>> updates = (List<Map<String, Object>>) dependabot.get("updates");
        Map<String, List<Map<String, Object>>> byEcosystem =
                updates.stream().collect(Collectors.groupingBy(update -> (String) update.get("package-ecosystem")));
        assertThat(byEcosystem).containsKeys("maven", "npm", "docker", "github-actions");

        Set<String> watched = byEcosystem.get("npm").stream()
                .flatMap(update -> ((List<String>) update.get("directories")).stream())
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(Workflows.ROOT)) {
            Set<String> locks = files.filter(
                            file -> file.getFileName().toString().equals("package-lock.json"))
                    .filter(file -> !file.toString().contains("node_modules")
                            && !file.toString().contains("target"))
                    .map(file -> "/"
                            + Workflows.ROOT
                                    .relativize(file.getParent())
                                    .toString()
                                    .replace('\\', '/'))
                    .collect(Collectors.toSet());
            assertThat(watched).containsAll(locks);
        }
        assertThat(byEcosystem.get("docker").getFirst().get("directory")).isEqualTo("/deploy/docker");
    }

    @Test
    void aReleaseBumpsTheOneVersionAndEveryCopyOfIt() throws Exception {
        JsonNode config = JSON.readTree(
                Workflows.ROOT.resolve("release-please-config.json").toFile());
        String released = JSON.readTree(
                        Workflows.ROOT.resolve(".release-please-manifest.json").toFile())
                .get(".")
                .asString();
        JsonNode extraFiles = config.get("packages").get(".").get("extra-files");

        int checked = 0;
        for (JsonNode file : extraFiles) {
            Path path = Workflows.ROOT.resolve(file.get("path").asString());
            assertThat(path).exists();
            switch (file.get("type").asString()) {
                case "xml" -> {
                    var document = DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .parse(path.toFile());
                    assertThat(XPathFactory.newInstance()
                                    .newXPath()
                                    .evaluate(file.get("xpath").asString(), document))
                            .as(path.toString())
                            .isEqualTo(released);
                }
                case "json" -> {
                    assertThat(file.get("jsonpath").asString()).isEqualTo("$.version");
                    assertThat(JSON.readTree(path.toFile()).get("version").asString())
                            .isEqualTo(released);
                }
                case "generic" -> {
                    List<String> marked = Files.readAllLines(path).stream()
                            .filter(line -> line.contains("x-release-please-version"))
                            .toList();
                    assertThat(marked).as(path.toString()).isNotEmpty().allMatch(line -> line.contains(released));
                }
                default -> throw new AssertionError("unexpected updater " + file);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        assertThat(Files.readString(Workflows.FOLDER.resolve("release.yml")))
                .contains("googleapis/release-please-action@", "release: true", "helm push", "oci://ghcr.io/");
    }

    @Test
    void theCanaryWaitSucceedsOnHealthyRolloutsAndFailsOnAnAbortedOne(@TempDir Path bin) throws Exception {
        // A stand-in kubectl (a fake, for the script's own logic) that prints the Rollouts' states it is given.
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, "#!/usr/bin/env bash\nprintf '%b' \"$FAKE_ROLLOUTS\"\n");
        kubectl.toFile().setExecutable(true);

        assertThat(awaitRollouts(bin, "gateway 4 4 Healthy \\nmap-service 2 2 Healthy \\n")
                        .exitCode())
                .isZero();
        Script aborted = awaitRollouts(bin, "gateway 4 4 Degraded RolloutAborted: analysis failed\\n");
        assertThat(aborted.exitCode()).isEqualTo(1);
        assertThat(aborted.output()).contains("aborted and rolled back", "RolloutAborted");
        // A Degraded status of the previous revision, before the controller saw the new one: still waiting.
        Script stale = awaitRollouts(bin, "gateway 5 4 Degraded RolloutAborted\\n");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.output()).contains("did not finish in time");
        // Not yet observed (generation ahead of observedGeneration) until the time runs out: not a success.
        assertThat(awaitRollouts(bin, "gateway 5 4 Healthy \\n").exitCode()).isEqualTo(1);
        assertThat(awaitRollouts(bin, "").output()).contains("No Rollout");
    }

    @Test
    void aDeployWithoutClusterCredentialsStopsSayingWhatToSet(@TempDir Path temp) throws Exception {
        Script script = run(
                List.of("bash", "kubeconfig.sh"),
                Map.of(
                        "RUNNER_TEMP",
                        temp.toString(),
                        "GITHUB_ENV",
                        temp.resolve("env").toString()));
        assertThat(script.exitCode()).isEqualTo(1);
        assertThat(script.output()).contains("No cluster credentials", "docs/delivery.md");
    }

    private record Script(int exitCode, String output) {}

    private static Script awaitRollouts(Path bin, String states) throws Exception {
        return run(
                List.of("bash", "await-rollouts.sh", "tabelogo", "1"),
                Map.of("PATH", bin + ":" + System.getenv("PATH"), "FAKE_ROLLOUTS", states, "POLL_SECONDS", "1"));
    }

    private static Script run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Script(process.exitValue(), output);
    }
}
