package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process told apart from a later one that reuses its pid: by pid and start instant together. Only a process that
 * still matches both is ever signalled, so a recycled pid of an unrelated program is left alone.
 */
record ProcessIdentity(long pid, Instant started) {

    /** Empty if the process is already gone (its start instant can no longer be read). */
    static Optional<ProcessIdentity> of(ProcessHandle process) {
        return process.info().startInstant().map(started -> new ProcessIdentity(process.pid(), started));
    }

    /** The process, if it is still running: same pid and same start instant, and not merely a zombie. */
    Optional<ProcessHandle> find() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().equals(Optional.of(started)))
                .filter(process -> !isZombie(process));
    }

    /**
     * Whether the process has exited and only waits to be collected by its parent, which ProcessHandle counts as
     * alive. A killed supervisor's orphans are collected by pid 1, which may take seconds.
     */
    private static boolean isZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // The state follows the command name, which is in parentheses and may itself contain ") ".
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return false; // no /proc (macOS), or gone meanwhile: isAlive has had its say
        }
    }
}
