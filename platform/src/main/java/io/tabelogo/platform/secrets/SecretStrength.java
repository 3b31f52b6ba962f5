package io.tabelogo.platform.secrets;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a secret is fit for production: present, not a development or placeholder value, and hard to guess.
 * Guessability is zxcvbn's estimate (dictionaries of common passwords, words, keyboard patterns, repeats), so a long
 * but predictable value ("password-password-1") fails where a length rule alone would pass it.
 */
enum SecretStrength {

    /** A machine credential nobody types: a database or Redis password, a key password, a client secret. */
    MACHINE(16, 14),
    /** A person's password (the first administrator's): they type it, so fewer guesses are asked of it. */
    PERSON(12, 10);

    /** Values shipped, documented or commonly left in place by development setups, and placeholder wording. */
    private static final List<String> DEVELOPMENT_MARKERS = List.of(
            "changeme",
            "change-me",
            "change_me",
            "placeholder",
            "example",
            "default",
            "dev-only",
            "test-only",
            "not-a-secret",
            "insecure",
            "postgres",
            "tabelogo",
            "secret",
            "password");

    private final int minimumLength;
    private final int minimumGuessesLog10;

    SecretStrength(int minimumLength, int minimumGuessesLog10) {
        this.minimumLength = minimumLength;
        this.minimumGuessesLog10 = minimumGuessesLog10;
    }

    /** What is wrong with {@code value} for this purpose, in words that never repeat the value; empty when fit. */
    Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("missing");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String marker : DEVELOPMENT_MARKERS) {
            if (lower.contains(marker)) {
                return Optional.of("a development or placeholder value (it contains \"" + marker + "\")");
            }
        }
        if (value.length() < minimumLength) {
            return Optional.of("too weak: %d characters, at least %d needed".formatted(value.length(), minimumLength));
        }
        double guesses = new Zxcvbn().measure(value).getGuessesLog10();
        if (guesses < minimumGuessesLog10) {
            return Optional.of("too weak: guessable in about 10^%d tries, at least 10^%d needed"
                    .formatted((int) Math.floor(guesses), minimumGuessesLog10));
        }
        return Optional.empty();
    }
}
