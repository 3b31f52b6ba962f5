package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessIdentityUnitTest {

    @Test
    void findsAProcessByPidAndStartInstant() {
        ProcessHandle current = ProcessHandle.current();
        ProcessIdentity identity = ProcessIdentity.of(current).orElseThrow();

        assertThat(identity.find()).contains(current);
    }

    @Test
    void doesNotTakeALaterProcessWithTheSamePidForIt() {
        ProcessHandle current = ProcessHandle.current();
        Instant started = ProcessIdentity.of(current).orElseThrow().started();

        assertThat(new ProcessIdentity(current.pid(), started.minusMillis(10)).find())
                .isEmpty();
    }

    @Test
    void doesNotTakeAZombieForARunningProcess() throws Exception {
        // sh starts a short-lived child, then becomes sleep 10, which never collects it: a zombie once it exits.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!; exec sleep 10").start();
        try (var output = new BufferedReader(new InputStreamReader(parent.getInputStream(), US_ASCII))) {
            long zombiePid = Long.parseLong(output.readLine());
            ProcessHandle zombie = ProcessHandle.of(zombiePid).orElseThrow();
            ProcessIdentity identity = ProcessIdentity.of(zombie).orElseThrow();
            Thread.sleep(700); // for the child to exit

            assertThat(zombie.isAlive()).isTrue(); // what ProcessHandle says
            assertThat(identity.find()).isEmpty();
        } finally {
            parent.destroyForcibly();
        }
    }
}
