package io.tabelogo.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stops processes the polite way first (SIGTERM, so they can flush and close), then forcibly after a grace time. */
final class GracefulStop {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private GracefulStop() {}

    /** Returns the processes that had to be killed because they outlived the grace time. */
    static List<ProcessHandle> stop(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        List<ProcessHandle> outlived = processes.stream()
                .filter(process -> !exitsBefore(process, deadline))
                .toList();
        outlived.forEach(ProcessHandle::destroyForcibly);
        return outlived;
    }

    /** Polls every 100 ms: for a process that is not our child (down's supervisor) onExit() polls at 300 ms+. */
    private static boolean exitsBefore(ProcessHandle process, Instant deadline) {
        try {
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !process.isAlive();
    }
}
