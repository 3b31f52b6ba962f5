package io.tabelogo.devstack;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The exclusive lock on .tabelogo/devstack.lock that a supervisor holds for its whole life. The kernel releases it when
 * the process ends, even by SIGKILL, so "someone holds it" is the sign that a supervisor runs; a pid file alone is not.
 */
final class SupervisorLock implements AutoCloseable {

    /** A CLI probing with tryLock holds the lock for an instant; a few retries keep that from looking like a rival. */
    private static final int ATTEMPTS = 10;

    private static final Duration BETWEEN_ATTEMPTS = Duration.ofMillis(50);

    private final FileChannel channel;

    private SupervisorLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Empty if another process keeps holding the lock. The directory of the lock file must exist. */
    static Optional<SupervisorLock> acquire(Path file) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            FileChannel channel = FileChannel.open(file, CREATE, WRITE);
            if (channel.tryLock() != null) {
                return Optional.of(new SupervisorLock(channel));
            }
            channel.close();
            if (attempt == ATTEMPTS) {
                return Optional.empty();
            }
            Thread.sleep(BETWEEN_ATTEMPTS);
        }
    }

    /** Whether another process holds the lock: probed by taking it and letting go at once. */
    static boolean isHeld(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        }
    }

    /** Closing the channel releases the lock. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
