package io.tabelogo.platform.chaos;

import java.util.ArrayList;
import java.util.List;

/** Busy threads, each keeping a CPU at 100 % until stopped. */
final class CpuBurn {

    private CpuBurn() {}

    /** Starts {@code threads} busy threads; the returned action stops them. */
    static Runnable start(int threads) {
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread burner =
                    Thread.ofPlatform().name("chaos-cpu-burn-" + i).daemon().unstarted(CpuBurn::spin);
            burners.add(burner);
            burner.start();
        }
        return () -> burners.forEach(Thread::interrupt);
    }

    private static void spin() {
        long x = 1;
        while (!Thread.currentThread().isInterrupted()) {
            x = x * 6364136223846793005L + 1442695040888963407L; // work the JIT cannot remove: x is used below
        }
        if (x == 42) {
            Thread.onSpinWait();
        }
    }
}
