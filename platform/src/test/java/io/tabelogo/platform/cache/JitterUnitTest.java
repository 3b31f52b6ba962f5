package io.tabelogo.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitterUnitTest {

    @Test
    void staysWithinTheShareAndSpreads() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration ttl = Jitter.around(Duration.ofMinutes(10), 0.2);
            assertThat(ttl).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
            seen.add(ttl);
        }
        assertThat(seen).hasSizeGreaterThan(900);
    }

    @Test
    void noShareIsTheBaseAndNothingIsShorterThanAMillisecond() {
        assertThat(Jitter.around(Duration.ofSeconds(5), 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Jitter.around(Duration.ZERO, 0.5)).isEqualTo(Duration.ofMillis(1));
    }
}
