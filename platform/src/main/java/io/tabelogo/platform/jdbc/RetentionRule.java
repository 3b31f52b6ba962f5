package io.tabelogo.platform.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rows of one table that have served their purpose: those matching {@code condition}, an SQL condition in which
 * {@code :cutoff} stands for now minus {@code age}. A service declares one bean per rule; {@link Retention} deletes
 * the matching rows in small batches.
 *
 * @param name names the rule in the metric and the logs (e.g. {@code finished_jobs})
 * @param table the table the rows are deleted from
 * @param condition which rows may go, e.g. {@code status = 'COMPLETED' AND completed_at < :cutoff}
 * @param age how old a row must be (through {@code :cutoff}) before it goes
 */
public record RetentionRule(String name, String table, String condition, Duration age) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public RetentionRule {
        if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException(
                    "rule and table names are lower-case identifiers: " + name + ", " + table);
        }
        if (!condition.contains(":cutoff")) {
            throw new IllegalArgumentException("the condition of rule " + name + " must use :cutoff");
        }
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("the age of rule " + name + " must be positive");
        }
        Objects.requireNonNull(condition);
    }
}
