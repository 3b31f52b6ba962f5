package io.tabelogo.platformtest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The real time plus an offset tests can move, so a 15-minute lockout or a 1-hour cache entry can expire without waiting. */
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service works in UTC");
    }

    /** {@code @Import(TestClock.AsTheClock.class)}: the application's {@code Clock} becomes a movable one. */
    @Configuration(proxyBeanMethods = false)
    public static class AsTheClock {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
