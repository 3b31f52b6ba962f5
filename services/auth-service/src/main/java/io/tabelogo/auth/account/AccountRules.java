package io.tabelogo.auth.account;

import io.tabelogo.platform.error.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules a new account must meet, the same for HTTP and gRPC. Pure logic, no I/O. */
final class AccountRules {

    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int USERNAME_MIN = 3;
    static final int USERNAME_MAX = 50;
    static final int EMAIL_MAX = 254;

    // Deliberately simple: one @, something on both sides, a dot in the domain, no spaces or controls.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private AccountRules() {}

    /** Emails are stored trimmed and lower-cased, so "Ann@X.io " and "ann@x.io" are one account. */
    static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static List<FieldProblem> check(String email, String password, String username) {
        List<FieldProblem> problems = new ArrayList<>();
        String normalized = normalizeEmail(email);
        if (normalized == null || normalized.isEmpty()) {
            problems.add(new FieldProblem("email", "is required"));
        } else if (!isPlausibleEmail(normalized)) {
            problems.add(new FieldProblem("email", "must be a valid email address"));
        }
        if (password == null || password.isEmpty()) {
            problems.add(new FieldProblem("password", "is required"));
        } else if (characters(password) < PASSWORD_MIN || characters(password) > PASSWORD_MAX) {
            problems.add(new FieldProblem(
                    "password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long"));
        } else if (characterClasses(password) < 2) {
            problems.add(new FieldProblem(
                    "password", "must mix at least two of lower case, upper case, digits and symbols"));
        } else if (password.equalsIgnoreCase(email == null ? "" : email.strip())) {
            problems.add(new FieldProblem("password", "must not be the email address"));
        }
        String name = username == null ? null : username.strip();
        if (name == null || name.isEmpty()) {
            problems.add(new FieldProblem("username", "is required"));
        } else if (characters(name) < USERNAME_MIN || characters(name) > USERNAME_MAX) {
            problems.add(new FieldProblem(
                    "username", "must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("username", "must not contain control characters"));
        }
        return problems;
    }

    static boolean isPlausibleEmail(String normalized) {
        return normalized != null
                && normalized.length() <= EMAIL_MAX
                && EMAIL.matcher(normalized).matches();
    }

    // Characters as a person (and PostgreSQL's length()) counts them: an emoji is one, not two UTF-16 units.
    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    private static int characterClasses(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
