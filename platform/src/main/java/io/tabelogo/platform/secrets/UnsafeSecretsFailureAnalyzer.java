package io.tabelogo.platform.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused production start into Spring Boot's start-up failure report: what is wrong, what to do. */
class UnsafeSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretsException cause) {
        return new FailureAnalysis(
                "The prod profile refuses these secrets:\n  - " + String.join("\n  - ", cause.problems()),
                "Give each a value from the secret store (a mounted Secret, AWS Secrets Manager or Vault; see"
                        + " docs/configuration.md): at least 16 random characters, not a development or example value.",
                cause);
    }
}
