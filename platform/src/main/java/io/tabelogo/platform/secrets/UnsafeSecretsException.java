package io.tabelogo.platform.secrets;

import java.util.List;

/** The secrets that keep a production start from going on; its message names settings, never values. */
public class UnsafeSecretsException extends IllegalStateException {

    private final List<String> problems;

    UnsafeSecretsException(List<String> problems) {
        super("unsafe secrets for the prod profile: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
