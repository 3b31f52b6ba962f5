package io.tabelogo.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightUnitTest {

    private final AtomicInteger waits = new AtomicInteger();
    private final SingleFlight flights = new SingleFlight(waits::incrementAndGet);

    @Test
    void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                answers.add(threads.submit(() -> flights.run("k", () -> {
                    loads.incrementAndGet();
                    await(release);
                    return "value";
                })));
            }
            while (flights.inFlight() == 0) {
                Thread.onSpinWait();
            }
            Thread.sleep(100); // let the other 19 find the load in flight
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("value");
            }
        }
        assertThat(loads).hasValue(1);
        assertThat(waits).hasValue(19);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aFailedLoadIsRethrownAndNotRemembered() {
        assertThatThrownBy(() -> flights.run("k", () -> {
                    throw new IllegalStateException("provider down");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(flights.run("k", () -> "later")).isEqualTo("later");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
