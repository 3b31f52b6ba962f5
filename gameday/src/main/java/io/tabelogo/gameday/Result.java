package io.tabelogo.gameday;

import java.util.List;

/**
 * One experiment's outcome: the figures of the load before, during and after the fault, the checks of its hypothesis,
 * and the load second by second with the fault's window (ms since the load began) for the chart.
 */
record Result(
        String name,
        String title,
        String hypothesis,
        String fault,
        Timeline.Figures before,
        Timeline.Figures during,
        Timeline.Figures after,
        List<Check> checks,
        List<Timeline.Second> seconds,
        long faultFromMs,
        long faultToMs,
        String error) {

    boolean passed() {
        return error == null && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
}
