package io.tabelogo.gameday;

/** One stated number of a hypothesis, and what was measured: {@code expected} is the bound in words. */
record Check(String what, String expected, String measured, boolean passed) {

    static Check atMost(String what, double measured, double bound, String unit) {
        return new Check(what, "≤ " + format(bound) + unit, format(measured) + unit, measured <= bound);
    }

    static Check atLeast(String what, double measured, double bound, String unit) {
        return new Check(what, "≥ " + format(bound) + unit, format(measured) + unit, measured >= bound);
    }

    static Check that(String what, String expected, String measured, boolean passed) {
        return new Check(what, expected, measured, passed);
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.3f", value);
    }
}
