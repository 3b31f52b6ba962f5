package io.tabelogo.gameday;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/** Setting a fault for an experiment: it lasts longer than any phase, its rollback clears it, its expiry is the net. */
final class Faults {

    /** Long enough for the longest fault phase; short enough to end by itself should the game day itself die. */
    private static final Duration SAFETY_NET = Duration.ofMinutes(3);

    private Faults() {}

    static ObjectNode parameters() {
        return ChaosApi.JSON.createObjectNode().put("duration_s", SAFETY_NET.toSeconds());
    }

    static void set(Target target, String on, String fault, ObjectNode parameters) throws InterruptedException {
        ChaosApi.Answer set = target.chaos().set(on, fault, parameters);
        if (!set.ok()) {
            throw new IllegalStateException("could not set " + fault + " on " + on + ": " + set.problem()
                    + (set.status() == 404 ? " (is chaos enabled: TABELOGO_CHAOS_ENABLED=true?)" : ""));
        }
    }
}
