package io.tabelogo.platform.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Cache lifetimes that vary at random (cache avalanche): entries written together do not all expire together. */
public final class Jitter {

    private Jitter() {}

    /** {@code base} ± {@code share} of it (share in [0, 1)), at least a millisecond. */
    public static Duration around(Duration base, double share) {
        double factor = 1 + share * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }
}
