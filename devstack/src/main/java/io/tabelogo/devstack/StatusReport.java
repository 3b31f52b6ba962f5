package io.tabelogo.devstack;

import io.tabelogo.devstack.StateFile.Phase;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/** What {@code status} (and a finished {@code up}) prints: supervisor, data stores, each service probed live. */
final class StatusReport {

    /** The LSB exit code for "program is not running", so scripts can tell it from an error. */
    private static final int NOT_RUNNING = 3;

    private final StackHome home;
    private final ServiceRegistry registry;
    private final PrintStream out;

    StatusReport(StackHome home, ServiceRegistry registry, PrintStream out) {
        this.home = home;
        this.registry = registry;
        this.out = out;
    }

    int print() throws IOException {
        Optional<StateFile> state = StateFile.read(home.stateFile());
        if (!home.supervisorRunning()) {
            out.println("Tabelogo devstack: not running");
            state.filter(s -> s.phase() == Phase.FAILED)
                    .ifPresent(s -> out.println("  last start failed: " + s.message()));
            var leftovers = LeftoverProcesses.find(home);
            if (!leftovers.isEmpty()) {
                out.println("  left running by a killed supervisor: " + leftovers + "; ./tabelogo down stops them");
            }
            return NOT_RUNNING;
        }
        StateFile current = state.orElseGet(() -> StateFile.create(home.stateFile()));
        out.printf(
                "Tabelogo devstack: %s (supervisor pid %s, log %s)%n",
                current.phase() == Phase.READY
                        ? "running"
                        : current.phase().name().toLowerCase() + " " + current.message(),
                // Unknown for the instant between the supervisor taking the lock and writing its pid file.
                home.supervisorProcess()
                        .map(process -> String.valueOf(process.pid()))
                        .orElse("?"),
                home.log("devstack"));
        current.value("postgres.mode").ifPresent(mode -> printPostgres(current, mode));
        current.value("redis.mode").ifPresent(mode -> printRedis(current, mode));
        printServices(current);
        return 0;
    }

    private void printPostgres(StateFile state, String mode) {
        String address = state.value("postgres.address").orElse("?");
        out.printf(
                "%nPostgreSQL  %s %s, user %s%s%n            jdbc:postgresql://%s/<database>%n",
                mode,
                address,
                state.value("postgres.user").orElse("?"),
                mode.equals("embedded") ? ", data " + home.postgresData() + ", log " + home.log("postgres") : "",
                address);
    }

    private void printRedis(StateFile state, String mode) {
        String address = state.value("redis.address").orElse("?");
        out.printf(
                "Redis       %s %s%s%n            redis://%s/<db>%n",
                mode,
                address,
                state.value("redis.binary")
                        .map(binary -> " (" + binary + "), data " + home.redisData() + ", log " + home.log("redis"))
                        .orElse(""),
                address);
    }

    private void printServices(StateFile state) {
        if (registry.services().isEmpty()) {
            out.printf("%nNo services registered yet (%s).%n", ServiceRegistry.CHECKOUT_FILE);
            return;
        }
        out.printf("%n%-20s %-6s %-8s %-12s %s%n", "SERVICE", "PORT", "PID", "STATE", "URL");
        for (ServiceSpec service : registry.services()) {
            Optional<ProcessHandle> process =
                    state.process(StateFile.serviceRole(service.name())).flatMap(ProcessIdentity::find);
            out.printf(
                    "%-20s %-6d %-8s %-12s %s%n    health %s  metrics %s  log %s%n",
                    service.name(),
                    service.port(),
                    process.map(running -> String.valueOf(running.pid())).orElse("-"),
                    liveState(service, process),
                    service.url(),
                    service.readinessUrl(),
                    service.metricsUrl(),
                    home.log(service.name()));
            state.serviceProblem(service.name()).ifPresent(problem -> out.println("    " + problem));
        }
    }

    private static String liveState(ServiceSpec service, Optional<ProcessHandle> process) {
        if (process.isEmpty()) {
            return "not running";
        }
        return Readiness.isReady(service) ? "UP" : "DOWN";
    }
}
