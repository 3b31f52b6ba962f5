package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeUnitTest {

    @TempDir
    Path root;

    @Test
    void createsTheStackDirectoryForItsOwnerOnlyAndTightensAnOlderOne() throws Exception {
        var home = new StackHome(root);
        Files.createDirectory(
                home.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        home.createDirectories();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.dir())))
                .isEqualTo("rwx------");
        assertThat(home.logs()).isDirectory();
    }

    @Test
    void newLogKeepsOnePreviousGeneration() throws Exception {
        var home = new StackHome(root);
        home.createDirectories();
        Files.writeString(home.log("devstack"), "first run");
        Files.writeString(home.newLog("devstack"), "second run");

        Path log = home.newLog("devstack");

        assertThat(log).doesNotExist();
        assertThat(home.logs().resolve("devstack.log.1")).hasContent("second run");
        try (var logs = Files.list(home.logs())) {
            assertThat(logs.map(file -> file.getFileName().toString())).containsExactly("devstack.log.1");
        }
    }

    @Test
    void trustsThePidFileOnlyForTheProcessWithTheSameStartInstant() throws Exception {
        var home = new StackHome(root);
        home.createDirectories();
        ProcessHandle current = ProcessHandle.current();
        ProcessIdentity self = ProcessIdentity.of(current).orElseThrow();

        home.writePidFile(self);
        assertThat(home.supervisorProcess()).contains(current);

        // The same pid, but started at another time: a recycled pid, some other program.
        home.writePidFile(new ProcessIdentity(current.pid(), self.started().minusSeconds(1)));
        assertThat(home.supervisorProcess()).isEmpty();

        // A pid file of the old format, a bare pid.
        Files.writeString(home.pidFile(), current.pid() + "\n");
        assertThat(home.supervisorProcess()).isEmpty();
    }

    @Test
    void noSupervisorRunsWhereNoneEverStarted() throws Exception {
        var home = new StackHome(root);

        assertThat(home.supervisorRunning()).isFalse();
        assertThat(home.dir()).doesNotExist(); // asking does not create .tabelogo
    }
}
