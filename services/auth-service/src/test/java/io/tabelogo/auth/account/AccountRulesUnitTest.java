package io.tabelogo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pure rules, no I/O. */
class AccountRulesUnitTest {

    @Test
    void acceptsAReasonableAccount() {
        assertThat(AccountRules.check("ann@example.com", "ramen-Lover1", "ann")).isEmpty();
    }

    @Test
    void passwordNeedsTwoCharacterClasses() {
        assertThat(AccountRules.check("ann@example.com", "abcdefghij", "ann")).hasSize(1);
        assertThat(AccountRules.check("ann@example.com", "abcdefghi1", "ann")).isEmpty();
        assertThat(AccountRules.check("ann@example.com", "ABCDEFGHI!", "ann")).isEmpty();
    }

    @Test
    void boundariesAreInclusive() {
        assertThat(AccountRules.check("ann@example.com", "abcdef1!", "abc")).isEmpty();
        assertThat(AccountRules.check("ann@example.com", "a1".repeat(64), "x".repeat(50)))
                .isEmpty();
        assertThat(AccountRules.check("ann@example.com", "a1".repeat(64) + "b", "x".repeat(51)))
                .hasSize(2);
    }

    @Test
    void emailsAreComparedTrimmedAndLowerCased() {
        assertThat(AccountRules.normalizeEmail("  Ann@Example.COM ")).isEqualTo("ann@example.com");
        assertThat(AccountRules.check(" Ann@Example.com ", "ann@example.com", "ann"))
                .extracting(p -> p.field())
                .containsExactly("password");
    }
}
