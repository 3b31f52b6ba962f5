package io.tabelogo.gameday;

import java.time.Duration;

/**
 * How long each phase of an experiment lasts: the steady state before the fault, the fault, and the recovery
 * after it. The short form (the test command's) is seconds; the full one, a game day's.
 */
record Phases(Duration steady, Duration fault, Duration recovery, int requestsPerSecond) {

    static final Phases SHORT = new Phases(Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(6), 8);
    static final Phases FULL = new Phases(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), 12);
}
