package io.tabelogo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows as GitHub would take them (action-validator, the GitHub Actions schema) and as a reviewer would:
 * third-party actions pinned by commit, least privilege, superseded runs cancelled or queued, and CI running the very
 * command that runs here.
 */
class WorkflowsTest {

    private static final Path VALIDATOR = Path.of("validator", "node_modules", ".bin", "action-validator");
    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}");
    private static final Pattern TAG_COMMENT = Pattern.compile("\\s+# v\\d+(\\.\\d+)*");

    @Test
    void everyWorkflowIsValidAgainstTheGitHubActionsSchema(@TempDir Path scratch) throws Exception {
        assertThat(Workflows.files()).containsKeys("ci.yml", "codeql.yml", "delivery.yml", "images.yml", "release.yml");
        for (Path workflow : Workflows.files().values()) {
            Validation validation = validate(workflow);
            assertThat(validation.exitCode())
                    .as(workflow + ":\n" + validation.output())
                    .isZero();
        }
        // The validator really validates: a misspelt key is refused.
        Path misspelt = scratch.resolve("misspelt.yml");
        Files.writeString(misspelt, "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n");
        Validation refused = validate(misspelt);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("stepz");
    }

    @Test
    void everyThirdPartyActionIsPinnedToAFullCommitWithItsReleaseTagInAComment() throws Exception {
        List<String> uses = new ArrayList<>();
        for (Path workflow : Workflows.files().values()) {
            for (String line : Files.readAllLines(workflow)) {
                Matcher use = USES.matcher(line);
                if (!use.matches()) {
                    continue;
                }
                String action = use.group(1);
                uses.add(action);
                if (action.startsWith("./")) {
                    assertThat(Workflows.ROOT.resolve(action)).as(line).exists();
                    continue;
                }
                assertThat(action).as(workflow.getFileName() + ": " + line).matches(PINNED);
                assertThat(use.group(2))
                        .as(workflow.getFileName() + ": " + line)
                        .matches(TAG_COMMENT);
            }
        }
        assertThat(uses).hasSizeGreaterThan(10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkflowGrantsReadOnlyByDefaultAndEachJobOnlyWhatItNeeds() {
        Workflows.files().keySet().forEach(name -> {
            Map<String, Object> workflow = Workflows.load(name);
            assertThat(workflow.get("permissions"))
                    .as(name + " declares its token's permissions")
                    .isInstanceOf(Map.class);
            ((Map<String, Object>) workflow.get("permissions"))
                    .values()
                    .forEach(level -> assertThat(level).as(name).isIn("read", "none"));
            Workflows.jobs(workflow).forEach((id, job) -> {
                Object permissions = job.get("permissions");
                if (permissions != null) {
                    assertThat(permissions).as(name + " " + id).isInstanceOf(Map.class);
                }
            });
            assertThat(workflow.toString()).doesNotContain("write-all", "read-all");
        });
    }

    @Test
    void everyWorkflowRunsOnceAtATimePerBranch() {
        Workflows.files().keySet().forEach(name -> {
            Map<String, Object> workflow = Workflows.load(name);
            if (Workflows.triggers(workflow).keySet().equals(java.util.Set.of("workflow_call"))) {
                return; // a reusable workflow runs in its caller's group
            }
            assertThat(workflow).as(name).containsKey("concurrency");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void ciRunsTheSameCommandAsHereWithTheServicesAndToolsItNeeds() throws Exception {
        Map<String, Object> ci = Workflows.load("ci.yml");
        assertThat(Workflows.triggers(ci)).containsKeys("pull_request", "workflow_call");
        Map<String, Object> job = Workflows.jobs(ci).get("verify");
        assertThat(Workflows.scripts(job)).contains("bash .ci/run");
        assertThat(((Map<String, Object>) job.get("services")).keySet()).contains("postgres", "redis");
        String text = Files.readString(Workflows.FOLDER.resolve("ci.yml"));
        assertThat(text)
                .contains("actions/setup-java@", "cache: maven", "actions/setup-node@", "cache: npm", "CHROMIUM_PATH")
                .contains("actions/upload-artifact@", "if: always()", "surefire-reports", "browser-tests", "gameday");
        // .ci/run runs the test command README.md gives.
        assertThat(Files.readString(Workflows.ROOT.resolve(".ci/run"))).contains("\n./mvnw verify\n");
        assertThat(Files.readString(Workflows.ROOT.resolve("README.md")))
                .contains("./mvnw verify        # build everything and run all tests");
    }

    /** What {@code action-validator <file>} said and how it ended. */
    private record Validation(int exitCode, String output) {}

    private static Validation validate(Path file) throws Exception {
        Process process = new ProcessBuilder(
                        "node", VALIDATOR.toString(), file.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Validation(process.exitValue(), output);
    }
}
